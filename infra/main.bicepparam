// Parameters for deploying QaBot with the Azure CLI (docs/deploy.md, step 5):
//   set -a; . manifest/env/.env.dev; set +a
//   az deployment group create --resource-group "$AZURE_RESOURCE_GROUP_NAME" --parameters infra/main.bicepparam
// Values that differ between councils are read from the same environment variables as the Agents Toolkit's
// manifest/env/.env.<env> file, so both ways of deploying give the same result. Nothing secret is a parameter.
using 'main.bicep'

// Where everything runs. UK South keeps staff data in the UK (UK West is its paired region).
param location = readEnvironmentVariable('AZURE_LOCATION', 'uksouth')

// Short name in every resource name (3 to 12 lower-case letters and digits). Use a different one per environment
// if two environments share a resource group.
param baseName = readEnvironmentVariable('RESOURCE_BASE_NAME', 'qabot')

// The Entra app registration for Microsoft Graph (docs/deploy.md, step 1). Required: the deployment stops here if
// it is not set. Its client secret is stored in Key Vault after the deployment (step 6), never passed here.
param appRegistrationClientId = readEnvironmentVariable('AAD_APP_CLIENT_ID')

// UserAssignedMSI: the bot signs in to the Bot Connector with a managed identity (nothing to rotate).
// SingleTenant: it uses the app registration above and its client secret from Key Vault.
param botIdentityType = readEnvironmentVariable('BOT_IDENTITY_TYPE', 'UserAssignedMSI')

// Mailboxes that organise board meetings, separated by commas (e.g. qa.boards@council.gov.uk). Each must be in the
// Exchange Online management scope of step 3.
param graphOrganiserMailboxes = readEnvironmentVariable('GRAPH_ORGANISER_MAILBOXES', '')

// The app's id in the council's Teams app catalogue, known after step 7; leave empty on the first deployment and
// deploy again once it is known, so that QaBot can install itself for staff.
param teamsAppCatalogId = readEnvironmentVariable('TEAMS_APP_PUBLISHED_APP_ID', '')

// Object id of the Entra group of IT staff who may set and rotate Key Vault secrets (optional).
param keyVaultAdministratorsGroupId = readEnvironmentVariable('KEY_VAULT_ADMINISTRATORS_GROUP_ID', '')

// One B1 Linux plan runs the bot and the Functions app for 300 to 3,000 staff. Move to S1 for deployment slots,
// or P0v3/P1v3 for more memory or zone redundancy.
param appServicePlanSku = 'B1'

// Three copies of the data across UK South's zones.
param storageSku = 'Standard_ZRS'

// Logs kept for 30 days, at most 1 GB a day taken in.
param logRetentionDays = 30
param logDailyCapGb = 1

// Where the Functions app runs: appServicePlan (on the plan above, one instance, always on: the default, enough for a
// council of any size) or flexConsumption (a plan of its own, paid by use, that adds instances as the reminders
// queue grows, with the senders sharing Teams' rate through storage). docs/deploy.md, "Scaling out the reminders".
param functionsHosting = readEnvironmentVariable('FUNCTIONS_HOSTING', 'appServicePlan')
param functionsMaximumInstances = int(readEnvironmentVariable('FUNCTIONS_MAXIMUM_INSTANCES', '4'))

// The reminder run: every 15 minutes (UTC); QaBot works out by UK time what is due.
param remindersSchedule = '0 */15 * * * *'

// Network isolation: storage and Key Vault accept only the apps' virtual network and the ranges listed (the
// council's office egress, so that operators can set secrets and run the CLI). Off by default; see docs/deploy.md
// for what it costs and what it changes.
param networkIsolation = bool(readEnvironmentVariable('NETWORK_ISOLATION', 'false'))
param networkIsolationAllowedIpRanges = filter(
  map(split(readEnvironmentVariable('NETWORK_ISOLATION_ALLOWED_IP_RANGES', ''), ','), range => trim(range)),
  range => !empty(range)
)

param tags = {
  application: 'QaBot'
  service: 'Children\'s services quality assurance'
}
