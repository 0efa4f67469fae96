using Microsoft.Extensions.Options;
using QaBot.Application.Compliance;
using QaBot.Application.Reports;

namespace QaBot.Composition;

/// <summary>Checks <c>Reports:Channels</c> at start-up, naming every problem, so a mistyped channel or area stops the host rather than a report.</summary>
internal sealed class ReportChannelsValidation : IValidateOptions<ReportOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = ReportChannelOptions.Problems(options.Channels).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
