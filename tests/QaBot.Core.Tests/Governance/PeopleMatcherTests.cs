using QaBot.Core.Governance;
using QaBot.Core.Organisation;

namespace QaBot.Core.Tests.Governance;

[Trait("Category", "Fast")]
public sealed class PeopleMatcherTests
{
    private static readonly PersonMarks Zoe = new(new PersonId("d0000000-0000-4000-8000-000000000007"), "Zoe.Brien@council.example", "Zoë O'Brien");
    private static readonly PersonMarks Ann = new(new PersonId("d0000000-0000-4000-8000-000000000008"), "ann.lee@council.example", "Ann Lee");
    private static readonly PersonMarks Joanne = new(new PersonId("d0000000-0000-4000-8000-000000000009"), "joanne.leeson@council.example", "Joanne Leeson");
    private static readonly PersonMarks Bo = new(new PersonId("d0000000-0000-4000-8000-00000000000a"), "b@x", "Bo");
    private static readonly PersonMarks[] People = [Zoe, Ann, Joanne, Bo];

    [Theory]
    [InlineData("", "")]
    [InlineData("nobody here", "")]
    [InlineData("item:supervision.2026-11.D0000000-0000-4000-8000-000000000007", "7")]
    [InlineData("u|ZOE.BRIEN@council.example and ann.lee@council.example", "7,8")]
    [InlineData("{\"name\":\"Zo\\u00EB O\\u0027Brien\"}", "7")]
    [InlineData("Joanne Leeson, with Ann Lee", "8,9")]
    [InlineData("Joann Lee said", "")]
    [InlineData("JoAnn Leeson", "8")]
    [InlineData("sent to b@x by Bo", "a")]
    [InlineData("ann lee in lower case is not her name", "")]
    public void Collect_FindsEveryoneNamedAndNoOneElse(string text, string expected)
    {
        var named = new HashSet<PersonId>();
        new PeopleMatcher(People).Collect(text, named);

        var wanted = expected.Length == 0 ? [] : expected.Split(',').Select(e => new PersonId("d0000000-0000-4000-8000-00000000000" + e)).ToHashSet();
        Assert.Equal(wanted.Select(p => p.Value).Order(), named.Select(p => p.Value).Order());
    }

    [Fact]
    public void Collect_AgreesWithEachPersonsOwnMatcher_OnMixedText()
    {
        var random = new Random(20261207);
        string[] pieces = ["Ann Lee", "ann.lee@COUNCIL.example", "Zo\\u00EB O\\u0027Brien", "Zoë O'Brien", "ZOË O'BRIEN", "zoe.brien@council.examplE", "Joanne Leeson", "d0000000-0000-4000-8000-000000000009", "D0000000-0000-4000-8000-00000000000A", "b@x", "B@X", "Bo", "Jo", "Lee", "@", "-", " ", "x", "ſ", "K", "İ", "ı", "σ", "ς", "µ", "𐐀", "𐐨"];
        var matcher = new PeopleMatcher(People);
        for (var i = 0; i < 2_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => pieces[random.Next(pieces.Length)]));
            var named = new HashSet<PersonId>();
            matcher.Collect(text, named);

            Assert.Equal(People.Where(p => p.AreIn(text)).Select(p => p.Id.Value).Order(), named.Select(p => p.Value).Order());
        }
    }
}
