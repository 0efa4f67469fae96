using Microsoft.Extensions.Logging;
using QaBot.Core.Compliance;

namespace QaBot.Application.Compliance;

/// <summary>
/// The daily check of the compliance model: recounts the months replies still change (last month and this one)
/// from the items, corrects any difference and logs how many it found (counts only), so a model knocked out of step
/// is put right within a day and the fault shows in monitoring. Older months are left to <c>qabot compliance rebuild</c>.
/// </summary>
public sealed partial class ComplianceCheck
{
    private readonly RebuildCompliance _rebuild;
    private readonly TimeProvider _time;
    private readonly ILogger<ComplianceCheck> _logger;

    public ComplianceCheck(RebuildCompliance rebuild, TimeProvider time, ILogger<ComplianceCheck> logger)
    {
        _rebuild = rebuild ?? throw new ArgumentNullException(nameof(rebuild));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public async Task<ComplianceRebuildResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var thisMonth = ReportMonth.Of(DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime));
        var result = await _rebuild.RunAsync(thisMonth.Previous(), thisMonth, dryRun: false, cancellationToken).ConfigureAwait(false);
        if (result.DifferenceCount == 0)
        {
            LogInStep(result.From, result.To, result.CellsCounted);
        }
        else
        {
            LogCorrected(result.From, result.To, result.DifferenceCount, result.CellsCorrected + result.OpenTalliesCorrected);
        }

        return result;
    }

    [LoggerMessage(EventId = 7501, Level = LogLevel.Information, Message = "Compliance check {From} to {To}: the model agrees with the items ({Cells} area-months)")]
    private partial void LogInStep(ReportMonth from, ReportMonth to, int cells);

    [LoggerMessage(EventId = 7502, Level = LogLevel.Warning, Message = "Compliance check {From} to {To}: {Differences} differences from the items, {Cells} area-months and open tallies corrected")]
    private partial void LogCorrected(ReportMonth from, ReportMonth to, int differences, int cells);
}
