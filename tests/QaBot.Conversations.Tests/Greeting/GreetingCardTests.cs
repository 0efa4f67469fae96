using System.Text.Json.Nodes;
using QaBot.Conversations.Greeting;
using QaBot.Core.Scheduling;
using QaBot.Testing.Scheduling;
using static QaBot.Testing.Organisation.TestDirectory;

namespace QaBot.Conversations.Tests.Greeting;

/// <summary>Who the greeting says hears about an overdue item: staff have a line manager; elected members do not.</summary>
[Trait("Category", "Fast")]
public sealed class GreetingCardTests
{
    private static string Text(GreetingCardBuilder builder, int person) =>
        JsonNode.Parse(builder.Build(Chart.Find(Id(person))!, Today).ToJson())!.ToJsonString();

    [Fact]
    public void Build_StaffMember_SaysTheirLineManagerHearsAfterTheEscalationDays() =>
        Assert.Contains(
            $"your line manager hears about it after {SchedulePolicy.Default.EscalateToLineManagerAfterWorkingDays} working days",
            Text(new GreetingCardBuilder(ShippedFramework.Catalogue, Policy, SchedulePolicy.Default), 6),
            StringComparison.Ordinal);

    [Fact]
    public void Build_ElectedMemberWithNoMemberSupport_NamesNoManagerAndSaysNobodyElseIsTold()
    {
        var text = Text(new GreetingCardBuilder(ShippedFramework.Catalogue, Policy, SchedulePolicy.Default), 9);

        Assert.DoesNotContain("line manager", text, StringComparison.Ordinal);
        Assert.Contains("nobody else is told", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ElectedMemberWithMemberSupport_SaysTheMemberSupportOfficerSeesIt()
    {
        var text = Text(new GreetingCardBuilder(ShippedFramework.Catalogue, Policy with { MemberSupportUpn = "member.support@council.example" }, SchedulePolicy.Default), 9);

        Assert.DoesNotContain("line manager", text, StringComparison.Ordinal);
        Assert.Contains("member support officer sees it", text, StringComparison.Ordinal);
    }
}
