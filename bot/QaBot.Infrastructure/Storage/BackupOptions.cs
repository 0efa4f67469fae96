using System.ComponentModel.DataAnnotations;

namespace QaBot.Infrastructure.Storage;

/// <summary>Where snapshots of the tables go (docs/operations.md, "Backup and restore") and when the nightly one runs.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>The blob container that holds snapshots, under a folder named by <c>Storage:TablePrefix</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Backup:Container must be 3 to 63 lower-case letters, digits and single hyphens.")]
    public string Container { get; set; } = "qabot-backups";

    /// <summary>The account's blob endpoint (<c>https://{account}.blob.core.windows.net</c>) for managed identity; otherwise Storage:ConnectionString is used.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The nightly backup (NCRONTAB with seconds, UTC): by default 01:30, after the evening's replies and before the 04:00 compliance check.</summary>
    [Required]
    public string Schedule { get; set; } = "0 30 1 * * *";

    /// <summary>Rows read per request while copying a table.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 1000;
}
