// QaBot in one resource group: the bot (App Service), the schedules (Azure Functions) on the same small Linux plan
// (or, by choice, a Flex Consumption plan that scales out),
// Table and Queue storage reached only with managed identities, Key Vault for the secrets that remain, monitoring,
// and the Azure Bot registration that connects the bot to Teams. docs/deploy.md explains every step.
targetScope = 'resourceGroup'

@description('Region for every regional resource. UK South keeps the council\'s data in the UK.')
param location string = 'uksouth'

@description('Short name used in every resource name: lower-case letters and digits.')
@minLength(3)
@maxLength(12)
param baseName string = 'qabot'

@description('The council\'s Microsoft Entra tenant (the directory its Teams users sign in to).')
param tenantId string = tenant().tenantId

@description('Client id of the Entra app registration QaBot uses for Microsoft Graph (created by hand or by the Agents Toolkit; docs/deploy.md step 1). Its secret goes in Key Vault as app-client-secret.')
@minLength(36)
@maxLength(36)
param appRegistrationClientId string

@description('How the bot proves who it is to the Bot Connector. UserAssignedMSI: a managed identity created here, with no secret to store or rotate. SingleTenant: the app registration above, with its client secret read from Key Vault.')
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param botIdentityType string = 'UserAssignedMSI'

@description('Mailboxes that organise board and group meetings, separated by commas. Exchange Online RBAC for Applications must let the app reach exactly these (docs/deploy.md step 3).')
param graphOrganiserMailboxes string = ''

@description('The app\'s id in the council\'s Teams app catalogue, known once the app package is uploaded (docs/deploy.md step 7). Empty until then: the bot cannot yet be installed for staff automatically.')
param teamsAppCatalogId string = ''

@description('Object id of an Entra group whose members may set and rotate secrets in Key Vault. Empty for none.')
param keyVaultAdministratorsGroupId string = ''

@description('App Service plan size, shared by the bot and the Functions app. B1 suits 300 to 3,000 staff.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'P0v3'
  'P1v3'
])
param appServicePlanSku string = 'B1'

@description('Where the Functions app runs. appServicePlan: on the bot\'s plan, one instance, always on; suits a council of any size at Teams\' rate (docs/scale.md). flexConsumption: a Flex Consumption plan of its own, paid by use, which adds instances as the reminders queue grows; the senders then share Teams\' rate through storage. docs/deploy.md gives what each costs.')
@allowed([
  'appServicePlan'
  'flexConsumption'
])
param functionsHosting string = 'appServicePlan'

@description('With flexConsumption: the most instances each of the Functions app\'s functions scales out to. A few senders already reach Teams\' limit together; more only contend for the shared rate.')
@minValue(1)
@maxValue(1000)
param functionsMaximumInstances int = 4

@description('Storage redundancy. Zone-redundant keeps three copies across UK South\'s data centres.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_ZRS'

@description('Days the logs are kept. Up to 31 days costs nothing beyond ingestion.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Most log data taken in per day, in GB, so that a fault that floods the logs cannot run up a large bill.')
@minValue(1)
param logDailyCapGb int = 1

@description('When the reminder run starts (NCRONTAB, six fields, UTC). Every 15 minutes by default; the schedule engine decides by Europe/London time what is due.')
param remindersSchedule string = '0 */15 * * * *'

@description('When the nightly backup of every table to blob storage starts (NCRONTAB, six fields, UTC). 01:30 by default.')
param backupSchedule string = '0 30 1 * * *'

@description('When the daily retention run removes records past their retention period (NCRONTAB, six fields, UTC). 03:00 by default, after the backup.')
param retentionSchedule string = '0 0 3 * * *'

@description('Days a deleted or overwritten backup blob (and a deleted container) can be recovered, and days a snapshot is kept before lifecycle management deletes it.')
@minValue(7)
@maxValue(365)
param backupRetentionDays int = 35

@description('Network isolation: storage and Key Vault refuse traffic except from the apps\' virtual network (service endpoints) and the addresses below; both apps send all outbound traffic through that network. Off by default; docs/deploy.md gives its cost.')
param networkIsolation bool = false

@description('With network isolation: public IP addresses or CIDR ranges (e.g. the council\'s office egress) still allowed to reach storage and Key Vault, for operators setting secrets and running the CLI.')
param networkIsolationAllowedIpRanges array = []

@description('Tags put on every resource.')
param tags object = {
  application: 'QaBot'
}

var networkRules = networkIsolation
  ? {
      defaultAction: 'Deny'
      bypass: 'AzureServices'
      ipRules: map(networkIsolationAllowedIpRanges, range => { value: range, action: 'Allow' })
      virtualNetworkRules: concat(
        [{ id: appsSubnetId, action: 'Allow' }],
        flexConsumption ? [{ id: functionsSubnetId, action: 'Allow' }] : []
      )
    }
  : {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }

var suffix = take(uniqueString(subscription().id, resourceGroup().id, baseName), 8)
var useManagedIdentityForBot = botIdentityType == 'UserAssignedMSI'
var remindersQueueName = 'reminders'
var backupContainerName = 'qabot-backups'
var flexConsumption = functionsHosting == 'flexConsumption'
var functionsPackageContainerName = 'functions-package'
var appClientSecretName = 'app-client-secret'

// Built-in role definitions (the same ids in every Azure tenant).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${baseName}-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
    workspaceCapping: {
      dailyQuotaGb: logDailyCapGb
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${baseName}-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    RetentionInDays: logRetentionDays
    // Telemetry is accepted only with an Entra token, not with the instrumentation key alone.
    DisableLocalAuth: true
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${baseName}${suffix}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: networkRules
  }
}

// The Functions host keeps its timer locks and keys in blobs; QaBot's data is in tables and its work in queues; the
// nightly backup copies every table into the backups container. Versioning and soft delete mean a snapshot deleted or
// overwritten by mistake (or by an attacker with the apps' role) can be recovered for backupRetentionDays.
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: backupRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: backupRetentionDays
    }
  }
}

resource backupContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: backupContainerName
  properties: {
    publicAccess: 'None'
  }
}

// With Flex Consumption, the Functions app's deployment package is kept here and read with its managed identity.
resource functionsPackageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = if (flexConsumption) {
  parent: blobService
  name: functionsPackageContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Snapshots older than the retention period are deleted, with their earlier versions.
resource backupLifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: concat(
        [
          {
            name: 'expire-old-backups'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: ['blockBlob']
                prefixMatch: ['${backupContainerName}/']
              }
              actions: {
                baseBlob: {
                  delete: { daysAfterCreationGreaterThan: backupRetentionDays }
                }
                version: {
                  delete: { daysAfterCreationGreaterThan: backupRetentionDays }
                }
              }
            }
          }
        ],
        // Each deployment to a Flex Consumption app overwrites its package; the versions it replaces are kept as long
        // as backups (to roll back to), then deleted.
        flexConsumption
          ? [
              {
                name: 'expire-old-function-packages'
                enabled: true
                type: 'Lifecycle'
                definition: {
                  filters: {
                    blobTypes: ['blockBlob']
                    prefixMatch: ['${functionsPackageContainerName}/']
                  }
                  actions: {
                    version: {
                      delete: { daysAfterCreationGreaterThan: backupRetentionDays }
                    }
                  }
                }
              }
            ]
          : []
      )
    }
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource remindersQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: remindersQueueName
}

resource remindersPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: '${remindersQueueName}-poison'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${baseName}-${suffix}'
  location: location
  tags: tags
  properties: {
    tenantId: tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: networkRules.defaultAction
      bypass: networkRules.bypass
      ipRules: networkIsolation ? map(networkIsolationAllowedIpRanges, range => { value: range }) : []
      virtualNetworkRules: networkIsolation
        ? concat([{ id: appsSubnetId }], flexConsumption ? [{ id: functionsSubnetId }] : [])
        : []
    }
  }
}

// One identity per app, each with only the roles that app needs.
resource botHostIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${baseName}-bot-host'
  location: location
  tags: tags
}

resource functionsIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${baseName}-functions'
  location: location
  tags: tags
}

// The bot's own identity towards the Bot Connector (UserAssignedMSI only). It has no Azure roles at all; both apps
// carry it because both send messages as the bot (replies from the bot, reminders from the Functions app).
resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (useManagedIdentityForBot) {
  name: 'id-${baseName}-bot'
  location: location
  tags: tags
}

var botAppId = useManagedIdentityForBot ? botIdentity!.properties.clientId : appRegistrationClientId

var storageGrants = [
  { app: 'bot', role: roles.storageTableDataContributor }
  { app: 'bot', role: roles.storageQueueDataContributor }
  { app: 'functions', role: roles.storageTableDataContributor }
  { app: 'functions', role: roles.storageQueueDataContributor }
  { app: 'functions', role: roles.storageBlobDataOwner }
]

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for grant in storageGrants: {
    name: guid(storage.id, grant.app == 'bot' ? botHostIdentity.id : functionsIdentity.id, grant.role)
    scope: storage
    properties: {
      principalId: grant.app == 'bot'
        ? botHostIdentity.properties.principalId
        : functionsIdentity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.role)
    }
  }
]

resource keyVaultRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for app in ['bot', 'functions']: {
    name: guid(keyVault.id, app == 'bot' ? botHostIdentity.id : functionsIdentity.id, roles.keyVaultSecretsUser)
    scope: keyVault
    properties: {
      principalId: app == 'bot' ? botHostIdentity.properties.principalId : functionsIdentity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    }
  }
]

// App Insights accepts only Entra tokens (DisableLocalAuth): each app's identity may publish telemetry, nothing more.
resource appInsightsPublishers 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for app in ['bot', 'functions']: {
    name: guid(
      appInsights.id,
      app == 'bot' ? botHostIdentity.id : functionsIdentity.id,
      roles.monitoringMetricsPublisher
    )
    scope: appInsights
    properties: {
      principalId: app == 'bot' ? botHostIdentity.properties.principalId : functionsIdentity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId(
        'Microsoft.Authorization/roleDefinitions',
        roles.monitoringMetricsPublisher
      )
    }
  }
]

resource keyVaultAdministrators 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(keyVaultAdministratorsGroupId)) {
  name: guid(keyVault.id, keyVaultAdministratorsGroupId, roles.keyVaultSecretsOfficer)
  scope: keyVault
  properties: {
    principalId: keyVaultAdministratorsGroupId
    principalType: 'Group'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}

// Network isolation (off by default): both apps join one subnet (a Flex Consumption Functions app a second one) and
// send all outbound traffic through it; storage and Key Vault accept those subnets through service endpoints (no charge) and refuse the rest of the internet. The bot
// stays reachable from the Bot Connector: Teams calls it over the public internet, authenticated by token.
resource network 'Microsoft.Network/virtualNetworks@2024-05-01' = if (networkIsolation) {
  name: 'vnet-${baseName}-${suffix}'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.20.0.0/24'
      ]
    }
    subnets: concat(
      [
        {
          name: 'apps'
          properties: {
            addressPrefix: '10.20.0.0/26'
            delegations: [
              {
                name: 'app-service'
                properties: {
                  serviceName: 'Microsoft.Web/serverFarms'
                }
              }
            ]
            serviceEndpoints: isolatedServiceEndpoints
          }
        }
      ],
      // A Flex Consumption app joins a subnet of its own, delegated to the platform that runs it.
      flexConsumption
        ? [
            {
              name: 'functions'
              properties: {
                addressPrefix: '10.20.0.64/26'
                delegations: [
                  {
                    name: 'flex-consumption'
                    properties: {
                      serviceName: 'Microsoft.App/environments'
                    }
                  }
                ]
                serviceEndpoints: isolatedServiceEndpoints
              }
            }
          ]
        : []
    )
  }
}

resource appsSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = {
  parent: network
  name: 'apps'
}

resource functionsSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = if (flexConsumption) {
  parent: network
  name: 'functions'
}

var appsSubnetId = appsSubnet.id
var functionsSubnetId = flexConsumption ? functionsSubnet.id : appsSubnetId
var isolatedServiceEndpoints = [
  { service: 'Microsoft.Storage' }
  { service: 'Microsoft.KeyVault' }
]

// One small Linux plan runs both apps by default: always on (no cold start for the 09:00 run), a fixed single
// instance (so the Teams send-rate limits hold without coordinating instances), and one predictable monthly price.
resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'asp-${baseName}-${suffix}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
  }
  properties: {
    reserved: true
  }
}

// With flexConsumption the Functions app has a plan of its own that scales out on the reminders queue's length, and
// the senders share Teams' rate through storage (docs/operations.md, "Several senders sharing the limit").
resource functionsPlan 'Microsoft.Web/serverfarms@2024-04-01' = if (flexConsumption) {
  name: 'asp-${baseName}-functions-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

var appClientSecretReference = '@Microsoft.KeyVault(VaultName=${keyVault.name};SecretName=${appClientSecretName})'

var organiserMailboxes = filter(
  map(split(graphOrganiserMailboxes, ','), mailbox => trim(mailbox)),
  mailbox => !empty(mailbox)
)

var mailboxSettings = [
  for (mailbox, i) in organiserMailboxes: { name: 'Graph__OrganiserMailboxes__${i}', value: mailbox }
]

// Settings both apps share: storage, the bot's identity towards Teams, Graph, monitoring.
var sharedSettings = concat(
  [
    { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
    { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
    { name: 'Storage__TableServiceUri', value: storage.properties.primaryEndpoints.table }
    { name: 'Storage__QueueServiceUri', value: storage.properties.primaryEndpoints.queue }
    { name: 'Bot__AppId', value: botAppId }
    { name: 'Bot__TenantId', value: tenantId }
    { name: 'Bot__AllowedTenants__0', value: tenantId }
    { name: 'Graph__TenantId', value: tenantId }
    { name: 'Graph__ClientId', value: appRegistrationClientId }
    { name: 'Graph__ClientSecret', value: appClientSecretReference }
    { name: 'Graph__TeamsAppCatalogId', value: teamsAppCatalogId }
  ],
  // Bot:Credential follows the identity choice; the bot and the Functions app stop at start-up without it.
  useManagedIdentityForBot
    ? [
        { name: 'Bot__Credential', value: 'ManagedIdentity' }
        { name: 'Bot__ManagedIdentityClientId', value: botIdentity!.properties.clientId }
      ]
    : [
        { name: 'Bot__Credential', value: 'ClientSecret' }
        { name: 'Bot__ClientSecret', value: appClientSecretReference }
      ],
  mailboxSettings
)

var botHostIdentities = useManagedIdentityForBot
  ? {
      '${botHostIdentity.id}': {}
      '${botIdentity.id}': {}
    }
  : {
      '${botHostIdentity.id}': {}
    }

var functionsIdentities = useManagedIdentityForBot
  ? {
      '${functionsIdentity.id}': {}
      '${botIdentity.id}': {}
    }
  : {
      '${functionsIdentity.id}': {}
    }

resource botApp 'Microsoft.Web/sites@2024-04-01' = {
  name: 'app-${baseName}-bot-${suffix}'
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: botHostIdentities
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: botHostIdentity.id
    virtualNetworkSubnetId: networkIsolation ? appsSubnetId : null
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      vnetRouteAllEnabled: networkIsolation
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: concat(sharedSettings, [
        { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
        { name: 'AZURE_CLIENT_ID', value: botHostIdentity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        // The dashboard tab's sign-in: the same app registration exposes api://{bot domain}/{client id} (docs/dashboard.md).
        { name: 'Dashboard__ClientId', value: appRegistrationClientId }
      ])
    }
  }
  dependsOn: [
    storageRoleAssignments
    keyVaultRoleAssignments
  ]
}

// On the shared plan the Functions host is told its runtime by settings; Flex Consumption takes it from the app's
// configuration below and refuses those settings, and runs from the package container rather than a local package.
var functionsHostSettings = flexConsumption
  ? []
  : [
      { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
      { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
    ]

var functionsScaleOutSettings = flexConsumption ? [{ name: 'Reminders__SharedRateBudget', value: 'true' }] : []

resource functionsApp 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${baseName}-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: functionsIdentities
  }
  properties: {
    serverFarmId: flexConsumption ? functionsPlan.id : plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: functionsIdentity.id
    virtualNetworkSubnetId: networkIsolation ? functionsSubnetId : null
    functionAppConfig: flexConsumption
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: '${storage.properties.primaryEndpoints.blob}${functionsPackageContainerName}'
              authentication: {
                type: 'UserAssignedIdentity'
                userAssignedIdentityResourceId: functionsIdentity.id
              }
            }
          }
          scaleAndConcurrency: {
            maximumInstanceCount: functionsMaximumInstances
            instanceMemoryMB: 2048
          }
          runtime: {
            name: 'dotnet-isolated'
            version: '10.0'
          }
        }
      : null
    // Flex Consumption refuses the settings of a dedicated plan (runtime stack, always on, FTPS, route-all: it routes
    // every outbound request through its subnet anyway), so they are left out there rather than set to null.
    siteConfig: union(
      flexConsumption
        ? {}
        : {
            linuxFxVersion: 'DOTNET-ISOLATED|10.0'
            alwaysOn: true
            vnetRouteAllEnabled: networkIsolation
            ftpsState: 'Disabled'
          },
      {
        http20Enabled: true
        minTlsVersion: '1.2'
        scmMinTlsVersion: '1.2'
        appSettings: concat(
          filter(sharedSettings, setting => !flexConsumption || setting.name != 'WEBSITE_RUN_FROM_PACKAGE'),
          functionsHostSettings,
          [
            { name: 'AZURE_FUNCTIONS_ENVIRONMENT', value: 'Production' }
            { name: 'AzureWebJobsStorage__accountName', value: storage.name }
            { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
            { name: 'AzureWebJobsStorage__clientId', value: functionsIdentity.properties.clientId }
            { name: 'AZURE_CLIENT_ID', value: functionsIdentity.properties.clientId }
            { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
            { name: 'Reminders__Schedule', value: remindersSchedule }
            { name: 'Backup__Schedule', value: backupSchedule }
            { name: 'Backup__Container', value: backupContainerName }
            { name: 'Backup__BlobServiceUri', value: storage.properties.primaryEndpoints.blob }
            { name: 'Retention__Schedule', value: retentionSchedule }
          ],
          functionsScaleOutSettings
        )
      }
    )
  }
  dependsOn: [
    storageRoleAssignments
    keyVaultRoleAssignments
    blobService
    backupContainer
    functionsPackageContainer
    remindersQueue
    remindersPoisonQueue
    tableService
  ]
}

// Deployments sign in with Entra ID; the older FTP and basic-auth publishing credentials are switched off.
resource botAppFtp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: botApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource botAppScm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: botApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource functionsAppFtp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionsApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource functionsAppScm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionsApp
  name: 'scm'
  properties: {
    allow: false
  }
}

var botEndpoint = 'https://${botApp.properties.defaultHostName}/api/messages'

// The Azure Bot registration: single-tenant, Teams only. Bot Service is a global resource; its data stays in the
// region chosen for the rest. The F0 tier is free for Teams (a standard channel).
resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${baseName}-${suffix}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: 'QaBot'
    description: 'Quality and Performance Framework reminders and records'
    endpoint: botEndpoint
    msaAppId: botAppId
    msaAppTenantId: tenantId
    msaAppType: botIdentityType
    msaAppMSIResourceId: useManagedIdentityForBot ? botIdentity.id : null
    developerAppInsightsApplicationId: appInsights.properties.AppId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

// An Azure Bot comes with Web Chat and Direct Line, each with a default site and keys anyone holding them can use to
// talk to the bot. QaBot serves Teams only: both channels are declared here with their one site switched off.
resource webChatChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'WebChatChannel'
  location: 'global'
  properties: {
    channelName: 'WebChatChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: false
          isWebchatPreviewEnabled: false
        }
      ]
    }
  }
}

resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: false
          isV1Enabled: false
          isV3Enabled: false
          isSecureSiteEnabled: true
          isBlockUserUploadEnabled: true
        }
      ]
    }
  }
}

// Resource logs (every category) of the data services and both apps go to the one Log Analytics workspace, under
// its daily cap: who read or wrote a table, a queue message or a secret, and each app's HTTP, console and platform logs.
var allLogs = [
  {
    categoryGroup: 'allLogs'
    enabled: true
  }
]

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: logs.id
    logs: allLogs
  }
}

resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: queueService
  properties: {
    workspaceId: logs.id
    logs: allLogs
  }
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: {
    workspaceId: logs.id
    logs: allLogs
  }
}

resource keyVaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: keyVault
  properties: {
    workspaceId: logs.id
    logs: allLogs
  }
}

resource botAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: botApp
  properties: {
    workspaceId: logs.id
    logs: allLogs
  }
}

resource functionsAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: functionsApp
  properties: {
    workspaceId: logs.id
    logs: allLogs
  }
}

// Outputs are in the Agents Toolkit's naming, so that `atk provision` writes them to manifest/env/.env.<env>.
output BOT_ID string = botAppId
output BOT_DOMAIN string = botApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${botApp.properties.defaultHostName}'
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = botApp.id
output FUNCTIONS_AZURE_RESOURCE_ID string = functionsApp.id
output KEY_VAULT_NAME string = keyVault.name
output STORAGE_ACCOUNT_NAME string = storage.name
output BOT_SERVICE_NAME string = botService.name
