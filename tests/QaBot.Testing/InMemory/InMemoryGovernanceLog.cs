using QaBot.Application.Governance;

namespace QaBot.Testing.InMemory;

/// <summary>The governance log in memory: looks in the order recorded.</summary>
public sealed class InMemoryGovernanceLog : IGovernanceLog
{
    private readonly List<GovernanceLook> _looks = [];

    public IReadOnlyList<GovernanceLook> Looks => _looks;

    public Task RecordAsync(GovernanceLook look, CancellationToken cancellationToken = default)
    {
        _looks.Add(look);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<GovernanceLook>> ListAsync(AuditPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        return Task.FromResult<IReadOnlyList<GovernanceLook>>(_looks.Where(l => period.Contains(l.At)).OrderBy(l => l.At).ToList());
    }
}
