using QaBot.Application.Cases;
using QaBot.Conversations.Turns;

namespace QaBot.Conversations.Tests.Cases;

[Trait("Category", "Fast")]
public sealed class CaseUpdateReaderTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    [Theory]
    [InlineData("CLA review held for 12345 on 3 Dec", "12345", CaseHappening.ReviewHeld, "2025-12-03")]
    [InlineData("12345 became looked after on 1 Nov", "12345", CaseHappening.BecameLookedAfter, "2026-11-01")]
    [InlineData("Strategy discussion held for 23456 on 2nd November 2026", "23456", CaseHappening.StrategyDiscussion, "2026-11-02")]
    [InlineData("initial conference held for 23456 yesterday", "23456", CaseHappening.InitialConferenceHeld, "2026-11-20")]
    [InlineData("Complaint received for 34567 on 16 Nov", "34567", CaseHappening.ComplaintReceived, "2026-11-16")]
    [InlineData("complaint 34567 escalated to stage 2", "34567", CaseHappening.EscalatedToStage2, "2026-11-20")]
    [InlineData("case 12345 closed on 2026-11-18", "12345", CaseHappening.Closed, "2026-11-18")]
    [InlineData("CP plan ended for 12345 today", "12345", CaseHappening.Closed, "2026-11-20")]
    [InlineData("review held for Smith1 on 3 Nov", "Smith1", CaseHappening.ReviewHeld, "2026-11-03")]
    public void Read_CaseEventInPlainWords_TheCaseWhatHappenedAndWhen(string text, string reference, CaseHappening happening, string on)
    {
        var read = CaseUpdateReader.Read(text, Today);

        Assert.NotNull(read);
        Assert.Equal((reference, happening, DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)), (read.Case, read.Happening, read.On!.Value));
    }

    [Fact]
    public void Read_Extension_TheDateIsTheNextDeadlineNotThePast()
    {
        var read = CaseUpdateReader.Read("extension agreed for 34567 to 8 Dec", Today);

        Assert.Equal((CaseHappening.ExtensionAgreed, new DateOnly(2026, 12, 8), Today), (read!.Happening, read.ExtendedTo!.Value, read.On!.Value));
    }

    [Fact]
    public void Read_Transfer_KeepsTheAddressAsTyped()
    {
        var read = CaseUpdateReader.Read("Case 12345 transferred to A.Person@council.example", Today);

        Assert.Equal((CaseHappening.Transferred, "A.Person@council.example"), (read!.Happening, read.To));
    }

    [Fact]
    public void Read_DateThatIsNotADate_SaysWhichText()
    {
        var read = CaseUpdateReader.Read("review held for 12345 on 31 Febuary", Today);

        Assert.Null(read!.On);
        Assert.Equal("31 febuary", read.UnreadDate);
    }

    [Theory]
    [InlineData("my tasks")]
    [InlineData("what's overdue in my area")]
    [InlineData("review held")]
    [InlineData("my cases")]
    public void Read_NotACaseEvent_IsNull(string text) => Assert.Null(CaseUpdateReader.Read(text, Today));
}
