using System.Globalization;
using QaBot.Cli.Tests.Compliance;
using QaBot.Demo;

namespace QaBot.Cli.Tests.Assurance;

[Trait("Category", "Storage")]
public sealed class ReviewCommandsTests(SeededCouncil council) : IClassFixture<SeededCouncil>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qabot-reviews-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ReportReviews_TheDemoCouncilsReviewsOnScreenAndAsAWorkbookThatAgree()
    {
        var (exit, output, error) = await council.Cli.RunAsync("report", "reviews", "--from", "2026-05-01", "--to", "2026-11-20");
        Assert.True(exit == 0, error);
        Assert.Contains("Reflective case reviews, Fri 1 May 2026 to Fri 20 Nov 2026, the whole department", output, StringComparison.Ordinal);
        Assert.Contains("Voice of the child", output, StringComparison.Ordinal);
        Assert.Contains("Neglect and drift in child in need plans", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Children in care: permanence planning", output, StringComparison.Ordinal);

        var path = Path.Combine(_folder, "reviews.xlsx");
        (exit, output, error) = await council.Cli.RunAsync("report", "reviews", "--from", "2026-05-01", "--to", "2026-11-20", "--out", path);
        Assert.True(exit == 0, error);
        Assert.Contains("Wrote ", output, StringComparison.Ordinal);
        var sheets = ComplianceCommandsTests.ReadWorkbook(path);
        Assert.Equal(["Summary", "Themes", "By service", "By month", "Learning days"], sheets.Keys);
        var day = Assert.Single(sheets["Learning days"].Skip(1));
        Assert.Equal(
            ["Fri 16 Oct 2026", "Neglect and drift in child in need plans", "Locality: Chesterfield", "Rachel Okafor", "7",
                "3 reflective case reviews, 1 focus group, 1 'show me, tell me' conversation", "held", "Helen Ashworth: due Fri 27 Nov 2026"],
            day.Take(8));
        int Measure(string name) => int.Parse(Assert.Single(sheets["Summary"], r => r[0] == name)[1], CultureInfo.InvariantCulture);
        var reviews = Measure("Reviews held");
        Assert.True(reviews >= 10, $"the demo council should have a record of reviews, not {reviews}");
        Assert.Equal(reviews, sheets["By service"].Skip(1).Sum(r => int.Parse(r[1], CultureInfo.InvariantCulture)));
        Assert.Equal(reviews, sheets["By month"].Skip(1).Sum(r => int.Parse(r[1], CultureInfo.InvariantCulture)));
        Assert.Equal(reviews, Measure("Judged Outstanding") + Measure("Judged Good") + Measure("Judged Requires improvement") + Measure("Judged Inadequate"));
        Assert.Equal(Measure("Actions raised"), Measure("Actions done") + Measure("Actions still open"));
        Assert.True(Measure("Actions overdue") > 0 && Measure("Actions done") > 0, "the demo's actions are mostly done, some overdue");

        // Counts only: no case reference of the demo's reviews appears anywhere.
        var references = Enumerable.Range(DemoReviews.FirstReference, reviews).Select(r => r.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        Assert.DoesNotContain(sheets.Values.SelectMany(s => s).SelectMany(r => r), references.Contains);
    }

    [Theory]
    [InlineData("20261001", "2026-12-31", "--from and --to are days")]
    [InlineData("2026-12-31", "2026-10-01", "--to 2026-10-01 is before --from 2026-12-31")]
    public async Task ReportReviews_BadDates_RefusedSayingWhich(string from, string to, string message)
    {
        var (exit, _, error) = await council.Cli.RunAsync("report", "reviews", "--from", from, "--to", to);

        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
