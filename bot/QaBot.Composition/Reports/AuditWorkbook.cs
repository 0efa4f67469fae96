using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using QaBot.Application.Assurance;
using QaBot.Core.Assurance;

namespace QaBot.Composition.Reports;

/// <summary>
/// One audit as a workbook for the senior management team's report: sheet "Audit" (what it asked, where it stands,
/// judgements before and after moderation) and "Cases" (each case by reference: auditor, the auditor's judgement,
/// the moderated judgement and why it changed, themes, actions). Case references only: no names of children.
/// </summary>
public static class AuditWorkbook
{
    public const string AuditSheet = "Audit";
    public const string CasesSheet = "Cases";

    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static void Write(Stream stream, AuditView view, IReadOnlyList<string> judgementScale)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(judgementScale);
        using var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        ComplianceWorkbook.AddStyles(workbookPart);
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());
        ComplianceWorkbook.AddSheet(workbookPart, sheets, 1, AuditSheet, Overview(view, judgementScale), [36, 80], frozenHeader: true);
        ComplianceWorkbook.AddSheet(workbookPart, sheets, 2, CasesSheet, Cases(view), [8, 16, 28, 14, 22, 22, 10, 50, 40, 10], frozenHeader: true);
        workbookPart.Workbook.Save();
    }

    /// <summary>The audit sheet's rows: a measure and its value, then the count per judgement before and after moderation.</summary>
    public static List<IReadOnlyList<object?>> Overview(AuditView view, IReadOnlyList<string> judgementScale)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(judgementScale);
        var audit = view.Audit;
        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { "Measure", "Value" },
            new object?[] { "Audit", audit.Title },
            new object?[] { "Id", audit.Id },
            new object?[] { "Kind", CaseAudit.KindName(audit.Kind) },
            new object?[] { "Due", audit.Due.ToString("d MMMM yyyy", UkCulture) },
            new object?[] { "State", view.State },
            new object?[] { "Cases sampled", audit.Cases.Count },
            new object?[] { "Cases recorded", view.Recorded },
            new object?[] { "Cases moderated", view.Moderated },
            new object?[] { "Judgements changed at moderation", view.Cases.Count(c => c.Case.Moderation is { Agreed: false }) },
        };
        rows.AddRange(audit.LinesOfEnquiry.Select((line, i) => (IReadOnlyList<object?>)[$"Line of enquiry {i + 1}", line]));
        foreach (var judgement in judgementScale)
        {
            rows.Add([$"Judged {judgement} by the auditor", view.Cases.Count(c => c.Record?.Judgement == judgement)]);
            rows.Add([$"Judged {judgement} after moderation", view.Cases.Count(c => c.Case.Moderation?.Judgement == judgement)]);
        }

        return rows;
    }

    /// <summary>The cases sheet's rows, one per sampled case in the audit's order.</summary>
    public static List<IReadOnlyList<object?>> Cases(AuditView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { "Number", "Case reference", "Auditor", "Recorded on", "Auditor's judgement", "Moderated judgement", "Agreed", "Moderation reason", "Themes", "Actions" },
        };
        rows.AddRange(view.Cases.Select(c => (IReadOnlyList<object?>)
        [
            c.Case.Number,
            c.Case.Case.Value,
            c.AuditorName,
            c.Record?.HeldOn.ToString("dd/MM/yyyy", UkCulture),
            c.Record?.Judgement,
            c.Case.Moderation?.Judgement,
            c.Case.Moderation is { } m ? (m.Agreed ? "Yes" : "No") : null,
            c.Case.Moderation?.Reason,
            c.Record is { } r ? string.Join("; ", r.Themes) : null,
            c.Record?.Actions.Count,
        ]));
        return rows;
    }
}
