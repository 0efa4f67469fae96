using CsvHelper;
using QaBot.Core.Compliance;

namespace QaBot.Composition.Reports;

/// <summary>Writes a compliance report as CSV, one line per report line, in the documented column order.</summary>
public static class ComplianceCsv
{
    public static void Write(TextWriter writer, ComplianceReportRows rows, IEnumerable<PublishedFigures> lines)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(lines);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions(), true);
        foreach (var heading in ComplianceReportRows.CsvHeader)
        {
            csv.WriteField(heading);
        }

        csv.EndRecord();
        foreach (var line in lines)
        {
            var cells = rows.Row(line);
            for (var i = 0; i < cells.Count; i++)
            {
                csv.WriteField(ComplianceReportRows.CsvText(cells[i], i));
            }

            csv.EndRecord();
        }

        csv.Flush();
    }
}
