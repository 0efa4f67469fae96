using QaBot.Core.Framework;
using QaBot.Core.Organisation;
using QaBot.Core.Scheduling;

namespace QaBot.Core.Tests.Scheduling;

[Trait("Category", "Fast")]
public sealed class OccurrenceIdTests
{
    [Fact]
    public void For_SameParts_SameReadableId()
    {
        var person = new PersonId("7d0a5a4e-0c1f-4a39-9a55-0d0c2b1f0001");
        var report = new PersonId("7d0a5a4e-0c1f-4a39-9a55-0d0c2b1f00a1");

        var id = OccurrenceId.For(new DutyId("team-manager-supervision"), "2026-03", person, report);

        Assert.Equal(id, OccurrenceId.For(new DutyId("team-manager-supervision"), "2026-03", person, report));
        Assert.Equal("team-manager-supervision.2026-03.7d0a5a4e-0c1f-4a39-9a55-0d0c2b1f0001.7d0a5a4e-0c1f-4a39-9a55-0d0c2b1f00a1", id.Value);
        Assert.NotEqual(id, OccurrenceId.For(new DutyId("team-manager-supervision"), "2026-03", person));
    }

    [Theory]
    [InlineData("LA/2025/00123", "LA_2F2025_2F00123")]
    [InlineData("CR-1", "CR-1")]
    [InlineData("a_b", "a_5Fb")]
    [InlineData("a#b?c\\d", "a_23b_3Fc_5Cd")]
    [InlineData("é1", "_C3_A91")]
    public void Encode_AnyText_OnlyKeySafeCharacters(string text, string expected)
    {
        var encoded = OccurrenceId.Encode(text);

        Assert.Equal(expected, encoded);
        Assert.True(OccurrenceId.IsSafePart(encoded));
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("LA/123")]
    [InlineData("a_b")]
    [InlineData("a#b?c\\d")]
    [InlineData("é1")]
    public void Decode_WhatEncodeMade_GivesTheTextBack(string text) =>
        Assert.Equal(text, OccurrenceId.Decode(OccurrenceId.Encode(text)));

    [Theory]
    [InlineData("a.b")]
    [InlineData("a_4")]
    [InlineData("a_ZZb")]
    public void Decode_NotAnEncodedPart_Null(string part) =>
        Assert.Null(OccurrenceId.Decode(part));

    [Theory]
    [InlineData("a.b")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("a b")]
    public void IsSafePart_SeparatorsAndForbiddenCharacters_AreNotSafe(string part) =>
        Assert.False(OccurrenceId.IsSafePart(part));
}
