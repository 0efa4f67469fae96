namespace QaBot.Core.Cases;

/// <summary>
/// One row of a case import (<c>case_reference,rule,event,event_date,responsible_upn</c>), as text: checked whole by
/// the import before anything is written.
/// </summary>
/// <param name="Line">The row's line in the file, for problems.</param>
/// <param name="Event">started, held, extended, transferred or closed (docs/statutory.md).</param>
/// <param name="EventDate">yyyy-MM-dd: the day it happened; for an extension, the new deadline.</param>
/// <param name="ResponsibleUpn">Who holds the case; for a transfer, who holds it from that day.</param>
public sealed record CaseImportRow(int Line, string CaseReference, string Rule, string Event, string EventDate, string ResponsibleUpn)
{
    public static readonly IReadOnlyList<string> Columns = ["case_reference", "rule", "event", "event_date", "responsible_upn"];

    /// <summary>The event words a row may use, by the kind each records.</summary>
    public static readonly IReadOnlyDictionary<string, CaseEventKind> EventWords = new Dictionary<string, CaseEventKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["started"] = CaseEventKind.Started,
        ["held"] = CaseEventKind.Held,
        ["extended"] = CaseEventKind.Extended,
        ["transferred"] = CaseEventKind.Transferred,
        ["closed"] = CaseEventKind.Closed,
    };
}
