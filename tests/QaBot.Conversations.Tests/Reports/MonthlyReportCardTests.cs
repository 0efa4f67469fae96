using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using QaBot.Application.Compliance;
using QaBot.Application.Reports;
using QaBot.Conversations.Reports;
using QaBot.Core.Compliance;
using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Testing.Cards;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Conversations.Tests.Reports;

[Trait("Category", "Process")]
public sealed class MonthlyReportCardTests
{
    private static readonly ReportMonth November = new(2026, 11);
    private static readonly DutyId Supervision = new("supervision");
    private static readonly AreaTree Tree = new(Areas);

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static MonthlyReportCardBuilder Builder => new(ShippedFramework.Catalogue);

    private static ComplianceFigures Line(AreaId area, DutyId? duty, int onTime, int late, double? change = null, int? previousBase = null) =>
        new(area, duty, November, onTime + late, onTime, late, 0, 0, 0, 0, new Dictionary<string, int>(), change, previousBase);

    private static MonthlyReport Report(ReportAudience audience)
    {
        PublishedFigures Publish(ComplianceFigures f) => audience == ReportAudience.Members ? PublishedFigures.ForMembers(f, 10) : PublishedFigures.InFull(f);
        var channel = new ReportChannelOptions { Name = "smt", Channel = "19:smt@thread.tacv2", Area = SocialCare.Value, Audience = audience };
        return new MonthlyReport(
            channel,
            Tree.Find(SocialCare)!,
            November,
            new DateOnly(2026, 12, 1),
            Publish(Line(SocialCare, null, 30, 14, 5.0, 40)),
            [Publish(Line(Chesterfield, null, 27, 13)), Publish(Line(Bolsover, null, 3, 1))],
            [Publish(Line(SocialCare, Supervision, 30, 14, 5.0, 40))],
            [Publish(Line(Chesterfield, Supervision, 27, 13))],
            Tree);
    }

    private static string Readable(string json) => JsonNode.Parse(json)!.ToJsonString(Unescaped);

    [Fact]
    public void Build_Officers_RateChangeChartWithATableAndTheWorkbookCommand()
    {
        var json = Builder.Build(Report(ReportAudience.Officers)).ToJson();
        var text = Readable(json);

        Assert.Contains("Performance report: Children's Social Care North", text, StringComparison.Ordinal);
        Assert.Contains("68% done on time in November 2026, up 5.0 points on October 2026", text, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"Chart.VerticalBar\"", text, StringComparison.Ordinal);
        Assert.Contains("{\"x\":\"Locality: Chesterfield\",\"y\":67.5}", text, StringComparison.Ordinal);
        Assert.Contains("{\"x\":\"Locality: Bolsover\",\"y\":75}", text, StringComparison.Ordinal);
        Assert.Contains("\"fallback\":{\"type\":\"Table\"", text, StringComparison.Ordinal);
        Assert.Contains($"qabot report compliance --from 2026-11 --to 2026-11 --area {SocialCare.Value} --format xlsx", text, StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(json, "monthly report for officers");
    }

    [Fact]
    public void Build_Members_SmallCountsHiddenRatesOnSmallBasesWithheldAndNotCharted()
    {
        var json = Builder.Build(Report(ReportAudience.Members)).ToJson();
        var text = Readable(json);

        Assert.Contains("numbers under 5 not shown", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Locality: Bolsover\",\"y\"", text, StringComparison.Ordinal);
        Assert.Contains("fewer than 5", text, StringComparison.Ordinal);
        Assert.Contains("--audience members", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"""text"":""[1-4]""", text);
        CardAssert.PassesOfficialParser(json, "monthly report for members");
    }

    [Fact]
    public void Build_NothingFellDue_SaysSoAndStillPasses()
    {
        var report = Report(ReportAudience.Officers) with { Total = null, ByArea = [], ByDuty = [], Weakest = [] };

        var json = Builder.Build(report).ToJson();

        Assert.Contains("Nothing fell due in Children's Social Care North in November 2026.", Readable(json), StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(json, "monthly report, nothing due");
    }
}
