using System.Security.Cryptography;

namespace QaBot.Testing.BotFramework;

/// <summary>
/// RSA keys for tests, generated once per test process (2048-bit generation takes most of a second here) and
/// shared: each <see cref="TestChannelAuthority"/> takes the next ones, so no two authorities publish the same key.
/// </summary>
internal static class TestKeys
{
    private static readonly Lazy<RSA>[] Pool = [.. Enumerable.Range(0, 8).Select(_ => new Lazy<RSA>(() => RSA.Create(2048)))];
    private static int _next = -1;

    private static readonly Lazy<RSA> NeverPublishedKey = new(() => RSA.Create(2048));

    /// <summary>A key no authority ever publishes.</summary>
    public static RSA NeverPublished => NeverPublishedKey.Value;

    public static RSA Next() => Pool[(Interlocked.Increment(ref _next) & int.MaxValue) % Pool.Length].Value;
}
