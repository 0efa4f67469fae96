using System.Text.Json.Nodes;
using QaBot.Application.Assurance;
using QaBot.Conversations.Actions;
using QaBot.Conversations.Assurance;
using QaBot.Core.Assurance;
using QaBot.Core.Scheduling.Statutory;
using QaBot.Core.Organisation;
using QaBot.Core.Tracking;
using QaBot.Testing.Cards;
using QaBot.Testing.Scheduling;

namespace QaBot.Conversations.Tests.Assurance;

[Trait("Category", "Process")]
public sealed class AuditFormCardTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    private static JsonNode Json(QaBot.Conversations.Cards.AdaptiveCard card) => JsonNode.Parse(card.ToJson())!;

    /// <summary>Every string in the card, as a person would read it (the JSON escapes apostrophes).</summary>
    private static string Text(JsonNode? node) => node switch
    {
        JsonObject o => string.Join('\n', o.Select(p => Text(p.Value))),
        JsonArray a => string.Join('\n', a.Select(Text)),
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        _ => string.Empty,
    };

    private static JsonObject Input(JsonNode card, string id) =>
        card["body"]!.AsArray().OfType<JsonObject>().Single(e => e["id"]?.GetValue<string>() == id);

    [Fact]
    public void BuildForm_Empty_HasEveryFieldOfTheAuditFileAndSubmitsTheArrangeVerb()
    {
        var card = Json(AuditFormCardBuilder.BuildForm(Today));

        Assert.Equal("thematic", Input(card, AuditFormCardBuilder.KindInput)["value"]!.GetValue<string>());
        Assert.True(Input(card, AuditFormCardBuilder.CasesInput)["isMultiline"]!.GetValue<bool>());
        Assert.Equal("2026-11-21", Input(card, AuditFormCardBuilder.DueInput)["min"]!.GetValue<string>());
        var action = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal(CardVerbs.ArrangeAudit, action["verb"]!.GetValue<string>());
        CardAssert.PassesOfficialParser(card.ToJsonString(), "arrange an audit");
    }

    [Fact]
    public void BuildForm_Refused_KeepsEverythingTypedAndListsEveryProblem()
    {
        var typed = new AuditFormInput("Neglect", "multi-agency", "Is the plan reviewed?", "1234567 sam.jones@council.gov.uk\nSmith1 alex.khan@council.gov.uk", "2027-03-31");

        var card = Json(AuditFormCardBuilder.BuildForm(Today, typed, ["Cases, line 2: 'Smith1': not a case reference", "Due: choose the day."]));

        Assert.Equal(typed.Cases, Input(card, AuditFormCardBuilder.CasesInput)["value"]!.GetValue<string>());
        Assert.Equal("multi-agency", Input(card, AuditFormCardBuilder.KindInput)["value"]!.GetValue<string>());
        Assert.Equal("2027-03-31", Input(card, AuditFormCardBuilder.DueInput)["value"]!.GetValue<string>());
        Assert.Contains("Nothing was arranged. Cases, line 2: 'Smith1': not a case reference. Due: choose the day.", Text(card), StringComparison.Ordinal);
        CardAssert.PassesOfficialParser(card.ToJsonString(), "arrange an audit, refused");
    }

    [Fact]
    public void BuildArranged_NewAndRepeated_SayWhatWasDoneOnce()
    {
        var at = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        var cases = new[] { "1234567", "2345678" }.Select((c, i) => new AuditedCase(i + 1, CaseReference.Parse(c), new PersonId($"p{i}"), null, CaseAudit.ItemIdFor("2027-03-neglect", i + 1, CaseReference.Parse(c)))).ToList();
        var audit = new CaseAudit("2027-03-neglect", "Neglect", AuditKind.Thematic, ["Is the plan reviewed?"], new DateOnly(2027, 3, 31), cases, Actor.System("test"), at);

        var made = Json(AuditFormCardBuilder.BuildArranged(new AuditCreation(audit, true, 2, []), ShippedFramework.Calendar));
        var again = Json(AuditFormCardBuilder.BuildArranged(new AuditCreation(audit, false, 0, []), ShippedFramework.Calendar));

        Assert.Contains("Arranged: 2 cases given to 2 auditors as items", Text(made), StringComparison.Ordinal);
        Assert.Contains("Already arranged on Fri 20 Nov 2026; nothing changed.", Text(again), StringComparison.Ordinal);
        Assert.Contains("Wed 31 Mar 2027", Text(made), StringComparison.Ordinal);
        CardAssert.AllPassOfficialParser([("audit arranged", made.ToJsonString()), ("audit already arranged", again.ToJsonString())]);
    }
}
