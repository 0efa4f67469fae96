using QaBot.Core.Framework;

namespace QaBot.Core.Compliance;

/// <summary>The families the dashboard's trend charts group duties into (docs/dashboard.md).</summary>
public enum DutyFamily
{
    Supervision,
    AuditsAndCaseReviews,
    Observations,
    Meetings,
    Other,
}

/// <summary>
/// The one place a duty's family is decided, from the catalogue's own fields first and the duty's id second, in this
/// order: a duty owed per person managed, or named supervision, is supervision; a duty that is a meeting (it names a
/// governance body or a meeting part) or that chairs one is a meeting; a practice observation, visit to the front line
/// or "show me, tell me" is an observation; an audit, case review, sampling or scrutiny is an audit or case review;
/// anything else is other. Every duty has exactly one family, so the families' figures add up to the whole.
/// </summary>
public static class DutyFamilies
{
    private static readonly string[] ObservationWords = ["observation", "front-line-visits", "show-me-tell-me", "learning-day-visits"];

    private static readonly string[] AuditWords = ["audit", "case-review", "sampling", "scrutiny", "quality-assure", "dissent-panel"];

    public static DutyFamily Of(Duty duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        var id = duty.Id.Value;
        if (duty.PerReport || id.Contains("supervision", StringComparison.Ordinal))
        {
            return DutyFamily.Supervision;
        }

        if (duty.Meeting is not null || duty.Body is not null || id.Contains("-chair-", StringComparison.Ordinal))
        {
            return DutyFamily.Meetings;
        }

        if (ObservationWords.Any(w => id.Contains(w, StringComparison.Ordinal)))
        {
            return DutyFamily.Observations;
        }

        return AuditWords.Any(w => id.Contains(w, StringComparison.Ordinal)) ? DutyFamily.AuditsAndCaseReviews : DutyFamily.Other;
    }

    /// <summary>The family of a duty id the catalogue may no longer hold (an older framework's): other when it is unknown.</summary>
    public static DutyFamily Of(DutyId duty, FrameworkCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return catalogue.FindDuty(duty) is { } found ? Of(found) : DutyFamily.Other;
    }

    /// <summary>The family's name as the council writes it.</summary>
    public static string Title(DutyFamily family) => family switch
    {
        DutyFamily.Supervision => "Supervision",
        DutyFamily.AuditsAndCaseReviews => "Audits and case reviews",
        DutyFamily.Observations => "Observations",
        DutyFamily.Meetings => "Meetings",
        _ => "Other duties",
    };

    /// <summary>The family's key in URLs and JSON: supervision, audits, observations, meetings or other.</summary>
    public static string Key(DutyFamily family) => family switch
    {
        DutyFamily.Supervision => "supervision",
        DutyFamily.AuditsAndCaseReviews => "audits",
        DutyFamily.Observations => "observations",
        DutyFamily.Meetings => "meetings",
        _ => "other",
    };

    public static bool TryParseKey(string? key, out DutyFamily family)
    {
        foreach (var candidate in Enum.GetValues<DutyFamily>())
        {
            if (string.Equals(Key(candidate), key, StringComparison.OrdinalIgnoreCase))
            {
                family = candidate;
                return true;
            }
        }

        family = DutyFamily.Other;
        return false;
    }
}
