using QaBot.Application.Compliance;

namespace QaBot.Application.Tests.Compliance;

[Trait("Category", "Fast")]
public sealed class NotApplicableReasonsTests
{
    [Fact]
    public void All_NothingConfigured_TheShippedListThenOther()
    {
        var reasons = new NotApplicableReasons(new ReportOptions());

        Assert.Equal(["case-closed", "covered-elsewhere", "leave", "vacant", "other"], reasons.All.Select(r => r.Code));
        Assert.Equal("Post or caseload vacant", reasons.LabelOf("vacant"));
        Assert.False(reasons.IsKnown("holiday"));
    }

    [Fact]
    public void All_ACouncilsOwnList_ReplacesTheShippedOne()
    {
        var reasons = new NotApplicableReasons(new ReportOptions { NotApplicableReasons = new() { ["maternity"] = "Maternity leave" } });

        Assert.Equal(["maternity", "other"], reasons.All.Select(r => r.Code));
        Assert.False(reasons.IsKnown("leave"));
    }

    [Fact]
    public void Problems_BadCodeOrWording_NamesTheSetting()
    {
        var problems = NotApplicableReasons.Problems(new Dictionary<string, string> { ["On Leave"] = "On leave", ["other"] = "Other", ["ok"] = "" }).ToList();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Reports:NotApplicableReasons:On Leave:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Reports:NotApplicableReasons:ok: give the wording", StringComparison.Ordinal));
        Assert.Empty(NotApplicableReasons.Problems(NotApplicableReasons.Defaults));
    }
}
