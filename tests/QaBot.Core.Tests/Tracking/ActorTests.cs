using QaBot.Core.Tracking;

namespace QaBot.Core.Tests.Tracking;

[Trait("Category", "Fast")]
public sealed class ActorTests
{
    [Fact]
    public void Operator_ReadsBackAsAnOperatorWithNoPersonId()
    {
        var actor = Actor.Operator(" jo.bloggs@council.example ");

        Assert.Equal("operator:jo.bloggs@council.example", actor.Value);
        Assert.Equal(actor, Actor.Parse(actor.Value));
        Assert.Null(actor.PersonId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Operator_NoName_IsRefused(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => Actor.Operator(name));
    }

    [Fact]
    public void Parse_UnknownKind_IsRefused()
    {
        Assert.Throws<FormatException>(() => Actor.Parse("someone:x"));
    }
}
