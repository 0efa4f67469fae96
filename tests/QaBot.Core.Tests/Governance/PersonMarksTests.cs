using QaBot.Core.Governance;
using QaBot.Core.Organisation;

namespace QaBot.Core.Tests.Governance;

[Trait("Category", "Fast")]
public sealed class PersonMarksTests
{
    private static readonly PersonMarks Zoe = new(new PersonId("d0000000-0000-4000-8000-000000000007"), "Zoe.Brien@council.example", "Zoë O'Brien");

    [Theory]
    [InlineData("item:supervision.2026-11.d0000000-0000-4000-8000-000000000007")]
    [InlineData("u|zoe.brien@council.example")]
    [InlineData("{\"name\":\"Zo\\u00EB O\\u0027Brien\"}")]
    [InlineData("Spoke to Zoë O'Brien about it")]
    public void AreIn_TextCarryingAnyMark_IsTrue(string text) => Assert.True(Zoe.AreIn(text));

    [Theory]
    [InlineData("d0000000-0000-4000-8000-000000000070")]
    [InlineData("Zoë")]
    [InlineData("")]
    public void AreIn_TextWithoutTheMarks_IsFalse(string text) => Assert.False(Zoe.AreIn(text));

    [Fact]
    public void ReplaceWith_Pseudonym_LeavesNoMarkAndIsStable()
    {
        var pseudonym = Pseudonyms.For(Zoe.Id);
        var text = "person:d0000000-0000-4000-8000-000000000007 ZOE.BRIEN@COUNCIL.EXAMPLE Zoë O'Brien {\"n\":\"Zo\\u00EB O\\u0027Brien\"}";

        var replaced = Zoe.ReplaceWith(text, pseudonym);

        Assert.False(Zoe.AreIn(replaced));
        Assert.Contains("person:" + pseudonym.Id.Value, replaced, StringComparison.Ordinal);
        Assert.Contains(pseudonym.Upn, replaced, StringComparison.Ordinal);
        Assert.Equal(pseudonym, Pseudonyms.For(new PersonId("d0000000-0000-4000-8000-000000000007")));
        Assert.True(PersonId.TryParse(pseudonym.Id.Value, out _));
        Assert.NotEqual(Pseudonyms.For(new PersonId("d0000000-0000-4000-8000-000000000004")).Id, pseudonym.Id);
        Assert.True(Pseudonyms.IsPseudonym(pseudonym.Upn));
    }
}
