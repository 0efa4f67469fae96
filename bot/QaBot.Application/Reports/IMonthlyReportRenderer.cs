using QaBot.Application.Conversations;

namespace QaBot.Application.Reports;

/// <summary>Turns a channel's monthly report into the message posted (the card builders live with the conversation adapter).</summary>
public interface IMonthlyReportRenderer
{
    OutboundMessage Render(MonthlyReport report);
}
