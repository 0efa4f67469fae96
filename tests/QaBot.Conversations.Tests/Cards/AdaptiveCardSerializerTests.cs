using System.Text.Json.Nodes;
using QaBot.Conversations.Cards;

namespace QaBot.Conversations.Tests.Cards;

[Trait("Category", "Fast")]
public sealed class AdaptiveCardSerializerTests
{
    [Fact]
    public void Serialize_SmallCard_ExactSchemaJson()
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                new TextBlock { Text = "Monthly supervision", Weight = TextWeight.Bolder, Size = TextSize.ExtraLarge, Wrap = true, Style = TextBlockStyle.Heading },
                new FactSet { Facts = [new Fact("Due", "Friday 28 November 2026")] },
            ],
            Actions = [new ExecuteAction { Title = "Done", Verb = "done", Data = new JsonObject { ["occurrenceId"] = "occ-1" }, Style = ActionStyle.Positive }],
        };

        var expected = JsonNode.Parse("""
            {
              "type": "AdaptiveCard",
              "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
              "version": "1.5",
              "body": [
                { "type": "TextBlock", "text": "Monthly supervision", "wrap": true, "size": "extraLarge", "weight": "bolder", "style": "heading" },
                { "type": "FactSet", "facts": [ { "title": "Due", "value": "Friday 28 November 2026" } ] }
              ],
              "actions": [
                { "type": "Action.Execute", "verb": "done", "data": { "occurrenceId": "occ-1" }, "title": "Done", "style": "positive" }
              ]
            }
            """);

        var actual = JsonNode.Parse(card.ToJson());

        Assert.True(JsonNode.DeepEquals(expected, actual), actual!.ToJsonString());
    }

    [Fact]
    public void Serialize_TypeAndVersionComeFirst()
    {
        var json = new AdaptiveCard().ToJson();

        Assert.StartsWith("""{"type":"AdaptiveCard","$schema":""", json, StringComparison.Ordinal);
        Assert.Contains("\"version\":\"1.5\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_UnsetPropertiesLeftOut()
    {
        var json = JsonNode.Parse(new AdaptiveCard { Body = [new TextBlock { Text = "Hi" }] }.ToJson())!;

        var text = json["body"]![0]!.AsObject();
        Assert.Equal(["type", "text"], text.Select(p => p.Key));
        Assert.Null(json["actions"]);
        Assert.Null(json["refresh"]);
    }

    [Fact]
    public void Serialize_InputsUseDottedTypesAndIsoDates()
    {
        var json = JsonNode.Parse(new AdaptiveCard
        {
            Body =
            [
                new DateInput { Id = "doneOn", Label = "Done on", Value = new DateOnly(2026, 11, 27), Max = new DateOnly(2026, 11, 30), IsRequired = true, ErrorMessage = "Enter the date it was done." },
                new TextInput { Id = "note", Label = "Note", IsMultiline = true, MaxLength = 500, Style = TextInputStyle.Text },
            ],
        }.ToJson())!;

        var date = json["body"]![0]!;
        Assert.Equal("Input.Date", date["type"]!.GetValue<string>());
        Assert.Equal("2026-11-27", date["value"]!.GetValue<string>());
        Assert.Equal("2026-11-30", date["max"]!.GetValue<string>());
        Assert.True(date["isRequired"]!.GetValue<bool>());
        var text = json["body"]![1]!;
        Assert.Equal("Input.Text", text["type"]!.GetValue<string>());
        Assert.True(text["isMultiline"]!.GetValue<bool>());
        Assert.Equal(500, text["maxLength"]!.GetValue<int>());
    }

    [Fact]
    public void Serialize_ColumnWidths_StringOrNumberAsTheSchemaSays()
    {
        var json = JsonNode.Parse(new AdaptiveCard
        {
            Body =
            [
                new ColumnSet
                {
                    Columns =
                    [
                        new Column { Width = ColumnWidth.Auto },
                        new Column { Width = ColumnWidth.Stretch },
                        new Column { Width = ColumnWidth.Relative(2) },
                        new Column { Width = ColumnWidth.FixedPixels(50) },
                    ],
                },
            ],
        }.ToJson())!;

        var columns = json["body"]![0]!["columns"]!.AsArray();
        Assert.All(columns, c => Assert.Equal("Column", c!["type"]!.GetValue<string>()));
        Assert.Equal("auto", columns[0]!["width"]!.GetValue<string>());
        Assert.Equal("stretch", columns[1]!["width"]!.GetValue<string>());
        Assert.Equal(2, columns[2]!["width"]!.GetValue<int>());
        Assert.Equal("50px", columns[3]!["width"]!.GetValue<string>());
    }

    [Fact]
    public void Serialize_ShowCardRefreshAndTeamsWidth()
    {
        var json = JsonNode.Parse(new AdaptiveCard
        {
            Actions = [new ShowCardAction { Title = "Reschedule", Card = new AdaptiveCard { Schema = null, Body = [new DateInput { Id = "newDate" }] } }],
            Refresh = new CardRefresh { Action = new ExecuteAction { Title = "Refresh", Verb = "refresh" }, UserIds = ["29:1abc"] },
            MsTeams = new TeamsCardOptions { Width = "Full" },
        }.ToJson())!;

        var showCard = json["actions"]![0]!;
        Assert.Equal("Action.ShowCard", showCard["type"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", showCard["card"]!["type"]!.GetValue<string>());
        Assert.Null(showCard["card"]!["$schema"]);
        Assert.Equal("Action.Execute", json["refresh"]!["action"]!["type"]!.GetValue<string>());
        Assert.Equal("29:1abc", json["refresh"]!["userIds"]![0]!.GetValue<string>());
        Assert.Equal("Full", json["msteams"]!["width"]!.GetValue<string>());
    }

    [Fact]
    public void Serialize_TextWithQuotesAndMarkup_EscapedNotConcatenated()
    {
        const string awkward = "Team \"North\" </script> & 'Chesterfield' \u2013 \\ done";

        var json = JsonNode.Parse(new AdaptiveCard { Body = [new TextBlock { Text = awkward }] }.ToJson())!;

        Assert.Equal(awkward, json["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void CardRefresh_MoreThanSixtyUsers_Refused()
    {
        Assert.Throws<ArgumentException>(() => new CardRefresh
        {
            Action = new ExecuteAction { Title = "Refresh", Verb = "refresh" },
            UserIds = [.. Enumerable.Range(0, 61).Select(i => $"29:{i}")],
        });
    }

    [Fact]
    public void CardRefresh_ActionThatIsNotExecute_Refused()
    {
        Assert.Throws<ArgumentException>(() => new CardRefresh { Action = new ShowCardAction { Title = "x", Card = new AdaptiveCard() } });
    }

    [Theory]
    [InlineData("en-GB")]
    [InlineData("EN")]
    [InlineData("english")]
    public void Lang_NotATwoLetterCode_Refused(string lang)
    {
        Assert.Throws<ArgumentException>(() => new AdaptiveCard { Lang = lang });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void ColumnWidth_NonPositive_Refused(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ColumnWidth.Relative(value));
        Assert.Throws<ArgumentOutOfRangeException>(() => ColumnWidth.FixedPixels(value));
    }
}
