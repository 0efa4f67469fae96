using System.ComponentModel.DataAnnotations;

namespace QaBot.Infrastructure.Storage;

/// <summary>
/// Where QaBot keeps its data. Either a connection string (by default the local Azurite emulator) or, in Azure, the
/// storage account's table and queue service URIs, reached with managed identity through DefaultAzureCredential.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The Azurite emulator on its standard local ports.</summary>
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    /// <summary>A storage connection string; ignored when <see cref="TableServiceUri"/> is set.</summary>
    public string? ConnectionString { get; set; } = DevelopmentConnectionString;

    /// <summary>The account's table endpoint (<c>https://{account}.table.core.windows.net</c>): use managed identity instead of a connection string.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The account's queue endpoint (<c>https://{account}.queue.core.windows.net</c>); required with <see cref="TableServiceUri"/>.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The client id of the user-assigned managed identity to use; empty to use AZURE_CLIENT_ID, or else the system-assigned identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Starts every table name, so several installations (or test runs) can share an account.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,39}$", ErrorMessage = "Storage:TablePrefix must be a letter followed by up to 39 letters or digits.")]
    public string TablePrefix { get; set; } = "QaBot";

    /// <summary>Create missing tables when the bot or the Functions app starts. Turn off where the identity may not create tables; run <c>qabot storage init</c> instead.</summary>
    public bool CreateTablesAtStartup { get; set; } = true;

    public bool UsesManagedIdentity => TableServiceUri is not null;
}
