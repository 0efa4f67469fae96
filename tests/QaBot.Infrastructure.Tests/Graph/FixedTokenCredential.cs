using Azure.Core;

namespace QaBot.Infrastructure.Tests.Graph;

/// <summary>A credential that always gives the same token, so the Graph SDK's real authentication step runs without Entra.</summary>
internal sealed class FixedTokenCredential : TokenCredential
{
    public const string Token = "graph-test-token";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(Token, new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
