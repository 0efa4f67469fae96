using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using QaBot.Conversations.Cards;
using QaBot.Testing.Cards;
using Xunit.Abstractions;

namespace QaBot.Conversations.Tests.Cards;

/// <summary>Cards built with the typed model pass Microsoft's parser; and the harness really does reject bad cards.</summary>
[Trait("Category", "Process")]
public sealed class OfficialParserTests(ITestOutputHelper output)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public void TypedModel_EveryElementAndAction_PassesTheOfficialParser()
    {
        CardAssert.PassesOfficialParser(KitchenSink().ToJson(), "kitchen sink");
    }

    [Fact]
    public void TypedModel_RealisticSizes_AllPassInOneBatch()
    {
        CardAssert.AllPassOfficialParser(
        [
            ("digest with 30 items", DigestLike(30).ToJson()),
            ("digest with one item", DigestLike(1).ToJson()),
            ("digest with no items", DigestLike(0).ToJson()),
            ("long names", DigestLike(3, name: new string('W', 40) + " Featherstonehaugh-Cholmondeley-Marjoribanks").ToJson()),
        ]);
    }

    [Fact]
    public void Harness_ChartWithATableFallback_AcceptedAndTheFallbackChecked()
    {
        const string Table = """{"type":"Table","columns":[{"width":1}],"rows":[{"type":"TableRow","cells":[{"type":"TableCell","items":[{"type":"TextBlock","text":"Team 1: 80%"}]}]}]}""";
        var good = AdaptiveCardValidator.Shared.Validate("chart", $$"""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Chart.VerticalBar","data":[{"x":"Team 1","y":80}],"fallback":{{Table}}}]}""");
        var badFallback = AdaptiveCardValidator.Shared.Validate("chart, broken fallback", """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Chart.VerticalBar","data":[],"fallback":{"type":"TextBlok","text":"typo"}}]}""");

        Assert.True(good.Passed, string.Join("; ", good.Problems));
        Assert.False(badFallback.Passed);
        Assert.Contains(badFallback.Problems, p => p.Contains("TextBlok", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"type":"Chart.Line","data":[]}""")]
    [InlineData("""{"type":"Chart.Pie","data":[],"fallback":"drop"}""")]
    public void Harness_ChartWithoutAFallbackElement_Rejected(string chart)
    {
        var result = AdaptiveCardValidator.Shared.Validate("chart without fallback", $$"""{"type":"AdaptiveCard","version":"1.5","body":[{{chart}}]}""");

        Assert.False(result.Passed);
        Assert.Contains(result.Problems, p => p.Contains("has no fallback element", StringComparison.Ordinal));
    }

    [Fact]
    public void Harness_UnknownElementType_Rejected()
    {
        var result = AdaptiveCardValidator.Shared.Validate("bad element", """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlok","text":"typo"}]}""");

        Assert.False(result.Passed);
        Assert.Contains(result.Problems, p => p.Contains("UnknownElementType", StringComparison.Ordinal));
    }

    [Fact]
    public void Harness_MissingVersion_Rejected()
    {
        var result = AdaptiveCardValidator.Shared.Validate("no version", """{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"hi"}]}""");

        Assert.Contains(result.Problems, p => p.Contains("version", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"type":"Card","version":"1.5"}""", "type")]
    [InlineData("""{"type":"AdaptiveCard","version":"2.0"}""", "version")]
    [InlineData("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"x","size":"huge"}]}""", "InvalidPropertyValue")]
    [InlineData("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Input.Text"}]}""", "unique Id")]
    [InlineData("""{"type":"AdaptiveCard","version":"1.5","actions":[{"type":"Action.Teleport","title":"Go"}]}""", "Action.Teleport")]
    [InlineData("""[1,2,3]""", "not a JSON object")]
    [InlineData("""{"type":"AdaptiveCard",""", "not valid JSON")]
    public void Harness_BadCard_RejectedWithTheReason(string json, string reason)
    {
        var result = AdaptiveCardValidator.Shared.Validate("bad", json);

        Assert.False(result.Passed);
        Assert.Contains(result.Problems, p => p.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Harness_TypedCardWithDuplicateInputIds_Rejected()
    {
        var card = new AdaptiveCard { Body = [new TextInput { Id = "note" }, new DateInput { Id = "note" }] };

        var result = AdaptiveCardValidator.Shared.Validate("duplicate ids", card.ToJson());

        Assert.Contains(result.Problems, p => p.Contains("DuplicateId", StringComparison.Ordinal));
    }

    [Fact]
    public void CardAssert_FailingCard_FailsNamingTheCardAndProblem()
    {
        var failure = Assert.ThrowsAny<Exception>(() => CardAssert.PassesOfficialParser("""{"type":"AdaptiveCard","body":[]}""", "the card under test"));

        Assert.Contains("the card under test", failure.Message, StringComparison.Ordinal);
        Assert.Contains("version", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Harness_TwoHundredCards_OneBatchTimed()
    {
        AdaptiveCardValidator.Shared.Validate("warm-up", new AdaptiveCard().ToJson());
        var cards = Enumerable.Range(0, 200).Select(i => ($"card {i}", DigestLike(i % 31).ToJson())).ToList();

        var stopwatch = Stopwatch.StartNew();
        var results = AdaptiveCardValidator.Shared.Validate(cards);
        stopwatch.Stop();

        Assert.All(results, r => Assert.True(r.Passed, $"{r.Name}: {string.Join("; ", r.Problems)}"));
        output.WriteLine($"200 cards ({cards.Sum(c => c.Item2.Length) / 1024} KB of JSON) checked in {stopwatch.ElapsedMilliseconds} ms");
    }

    private static AdaptiveCard KitchenSink() => new()
    {
        FallbackText = "Your QaBot tasks",
        Speak = "You have tasks due",
        Lang = "en",
        VerticalContentAlignment = VerticalAlignment.Top,
        MsTeams = new TeamsCardOptions { Width = "Full" },
        Refresh = new CardRefresh { Action = new ExecuteAction { Title = "Refresh", Verb = "refresh", Data = new JsonObject { ["view"] = "digest" } }, UserIds = ["29:1AbC"] },
        Body =
        [
            new TextBlock { Text = "**Your tasks**", Size = TextSize.Large, Weight = TextWeight.Bolder, Style = TextBlockStyle.Heading, Wrap = true },
            new TextBlock { Text = "Subtle", IsSubtle = true, Color = TextColor.Attention, FontType = FontType.Monospace, MaxLines = 2, HorizontalAlignment = HorizontalAlignment.Right, Spacing = Spacing.None, Separator = true },
            new Container
            {
                Id = "item-1",
                Style = ContainerStyle.Emphasis,
                Bleed = true,
                VerticalContentAlignment = VerticalAlignment.Center,
                Items =
                [
                    new ColumnSet
                    {
                        Columns =
                        [
                            new Column { Width = ColumnWidth.Stretch, Items = [new TextBlock { Text = "Monthly supervision", Wrap = true }] },
                            new Column { Width = ColumnWidth.Auto, VerticalContentAlignment = VerticalAlignment.Center, Items = [new TextBlock { Text = "Overdue", Color = TextColor.Warning }] },
                            new Column { Width = ColumnWidth.Relative(1), Items = [] },
                            new Column { Width = ColumnWidth.FixedPixels(40), Style = ContainerStyle.Good, Items = [] },
                        ],
                    },
                    new FactSet { Facts = [new Fact("Due", "Friday 28 November 2026"), new Fact("Purpose", "Quality of practice")] },
                    new ActionSet
                    {
                        Actions =
                        [
                            new ExecuteAction { Title = "Done", Verb = "done", Style = ActionStyle.Positive, Data = new JsonObject { ["occurrenceId"] = "occ-1" }, AssociatedInputs = AssociatedInputs.Auto, Tooltip = "Mark as done", Mode = ActionMode.Primary, IsEnabled = true },
                            new ShowCardAction
                            {
                                Title = "Reschedule",
                                Card = new AdaptiveCard
                                {
                                    Schema = null,
                                    Body =
                                    [
                                        new DateInput { Id = "newDate", Label = "New date", Min = new DateOnly(2026, 11, 27), Max = new DateOnly(2027, 1, 31), IsRequired = true, ErrorMessage = "Choose a date." },
                                        new TextInput { Id = "reason", Label = "Reason", IsMultiline = true, MaxLength = 500, Placeholder = "Why it moves", IsRequired = true, ErrorMessage = "Say why.", Regex = ".+" },
                                    ],
                                    Actions = [new ExecuteAction { Title = "Save", Verb = "reschedule", Data = new JsonObject { ["occurrenceId"] = "occ-1" } }],
                                },
                            },
                            new ExecuteAction { Title = "Not applicable", Verb = "na", Style = ActionStyle.Destructive, Mode = ActionMode.Secondary },
                        ],
                    },
                ],
            },
            new TextInput { Id = "email", Label = "E-mail", Style = TextInputStyle.Email, IsVisible = false },
        ],
        Actions = [new ExecuteAction { Title = "Show all", Verb = "showAll", AssociatedInputs = AssociatedInputs.None }],
    };

    /// <summary>A card shaped like the reminder digest the conversation logic will send, for size and escaping checks.</summary>
    private static AdaptiveCard DigestLike(int items, string name = "Alex Example")
    {
        var body = new List<CardElement>
        {
            new TextBlock { Text = $"Good morning, {name}", Size = TextSize.Large, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock { Text = items == 0 ? "Nothing is due. Well done." : $"{items} item(s) due or overdue", Wrap = true, IsSubtle = true },
        };
        for (var i = 0; i < items; i++)
        {
            var due = new DateOnly(2026, 11, 1).AddDays(i);
            body.Add(new Container
            {
                Separator = true,
                Items =
                [
                    new TextBlock { Text = $"Quality assurance audit of \"case files\" for {name}'s team #{i}", Wrap = true, Weight = TextWeight.Bolder },
                    new FactSet { Facts = [new Fact("Due", due.ToString("dddd d MMMM yyyy", English)), new Fact("Purpose", "To understand the quality of practice & outcomes")] },
                    new ActionSet
                    {
                        Actions =
                        [
                            new ExecuteAction { Title = "Done", Verb = "done", Data = new JsonObject { ["occurrenceId"] = $"occ-{i}" }, Style = ActionStyle.Positive },
                            new ShowCardAction
                            {
                                Title = "Reschedule",
                                Card = new AdaptiveCard
                                {
                                    Schema = null,
                                    Body = [new DateInput { Id = $"newDate-{i}", Label = "New date" }, new TextInput { Id = $"reason-{i}", Label = "Reason", IsMultiline = true }],
                                    Actions = [new ExecuteAction { Title = "Save", Verb = "reschedule", Data = new JsonObject { ["occurrenceId"] = $"occ-{i}" } }],
                                },
                            },
                        ],
                    },
                ],
            });
        }

        return new AdaptiveCard { Body = body };
    }
}
