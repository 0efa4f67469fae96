namespace QaBot.Application.Storage;

/// <summary>Creates the tables and queues QaBot needs if they do not exist. Run at start-up or by <c>qabot storage init</c>; never in a constructor.</summary>
public interface IStorageInitializer
{
    Task InitializeAsync(CancellationToken cancellationToken = default);
}
