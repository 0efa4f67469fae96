namespace QaBot.Testing.BotFramework;

/// <summary>What to put in a token minted by <see cref="TestChannelAuthority"/>; every field defaults to a valid value.</summary>
public sealed record TestTokenOptions
{
    public string? Audience { get; init; }

    public string? Issuer { get; init; }

    public string? ServiceUrl { get; init; }

    /// <summary>Issued-at; the authority's clock when null.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Sign with this published key (by id); the first endorsed key when null.</summary>
    public string? KeyId { get; init; }

    /// <summary>Sign with a key the authority never publishes (the token names it by <see cref="KeyId"/> or a fresh id).</summary>
    public bool UseUnpublishedKey { get; init; }

    /// <summary>Emit an unsigned token (<c>alg: none</c>).</summary>
    public bool AlgNone { get; init; }

    /// <summary>Sign with HS256 using a shared secret instead of RS256.</summary>
    public bool SymmetricHs256 { get; init; }

    /// <summary>Leave out the serviceurl claim.</summary>
    public bool OmitServiceUrl { get; init; }
}
