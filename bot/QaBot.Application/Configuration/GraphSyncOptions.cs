using System.ComponentModel.DataAnnotations;

namespace QaBot.Application.Configuration;

/// <summary>
/// What the Graph work does (section <c>Graph</c>; the credentials in the same section belong to Infrastructure):
/// which mailboxes organise meetings, where the meeting schedules are, how far ahead single meetings are planned,
/// and the app to install for staff. See docs/configuration.md, section Graph.
/// </summary>
public sealed class GraphSyncOptions : IValidatableObject
{
    public const string Section = "Graph";

    /// <summary>The mailboxes QaBot may create meetings in (the Exchange management scope of docs/deploy.md step 3). The first is the default organiser.</summary>
    public IList<string> OrganiserMailboxes { get; } = [];

    /// <summary>The meetings file (YAML, docs/boards.md). Relative paths are relative to the program's folder.</summary>
    [Required]
    public string MeetingsFile { get; set; } = "Data/meetings.yaml";

    /// <summary>How far ahead single meetings (half-termly) are put in calendars.</summary>
    public TimeSpan MeetingHorizon { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Requests to Microsoft Graph in flight at once; Outlook allows an app 4 per mailbox.</summary>
    [Range(1, 4)]
    public int MaxConcurrentRequests { get; set; } = 4;

    /// <summary>The app's id in the council's Teams app catalogue; empty turns installs off.</summary>
    public string? TeamsAppCatalogId { get; set; }

    /// <summary>After a successful install, how long before a person still without a conversation is tried again.</summary>
    public TimeSpan InstallRecheckInterval { get; set; } = TimeSpan.FromDays(7);

    public DirectorySyncOptions DirectorySync { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < OrganiserMailboxes.Count; i++)
        {
            if (!Core.Meetings.Schedules.MeetingScheduleLoader.LooksLikeMailbox(OrganiserMailboxes[i]))
            {
                yield return new($"Graph:OrganiserMailboxes:{i}: '{OrganiserMailboxes[i]}' is not a mailbox address (name@domain).", [nameof(OrganiserMailboxes)]);
            }
        }

        if (MeetingHorizon < TimeSpan.FromDays(28) || MeetingHorizon > TimeSpan.FromDays(3 * 366))
        {
            yield return new("Graph:MeetingHorizon must be from 28 days to 3 years.", [nameof(MeetingHorizon)]);
        }

        if (InstallRecheckInterval < TimeSpan.FromHours(1))
        {
            yield return new("Graph:InstallRecheckInterval must be at least an hour.", [nameof(InstallRecheckInterval)]);
        }

        if (TeamsAppCatalogId is { Length: > 0 } id && !Guid.TryParse(id, out _))
        {
            yield return new($"Graph:TeamsAppCatalogId: '{id}' is not the app's catalogue id (a GUID; docs/deploy.md step 9 shows how to find it).", [nameof(TeamsAppCatalogId)]);
        }

        foreach (var result in DirectorySync.Validate())
        {
            yield return result;
        }
    }
}
