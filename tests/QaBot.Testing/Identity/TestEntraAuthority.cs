using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using QaBot.Testing.BotFramework;
using QaBot.Testing.Http;

namespace QaBot.Testing.Identity;

/// <summary>
/// Plays Entra ID's v2.0 endpoint for one tenant in tests: an RSA key minted here, the tenant's OpenID metadata
/// document and key set served by a <see cref="FakeHttpHandler"/>, and access tokens for the dashboard's app
/// registration signed with that key, shaped as Teams SSO tokens are (<c>aud</c> the client id, <c>tid</c>, <c>oid</c>, <c>scp</c>).
/// </summary>
public sealed class TestEntraAuthority : IDisposable
{
    public const string TenantId = TestChannelAuthority.TenantId;
    public const string OtherTenantId = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    public const string ClientId = "3b8e5f0a-6c2d-4e9f-a1b7-c4d5e6f7a8b9";
    public const string Instance = "https://login.microsoftonline.com/";
    public const string MetadataUrl = Instance + TenantId + "/v2.0/.well-known/openid-configuration";
    public const string KeysUrl = Instance + TenantId + "/discovery/v2.0/keys";
    public const string Issuer = Instance + TenantId + "/v2.0";

    private const string KeyId = "entra-test-key";
    private readonly RSA _rsa = TestKeys.Next();
    private readonly TimeProvider _time;

    public TestEntraAuthority(TimeProvider time)
    {
        _time = time;
        Handler = new FakeHttpHandler(Respond);
    }

    /// <summary>Serves the metadata document and the key set; anything else is a 404.</summary>
    public FakeHttpHandler Handler { get; }

    /// <summary>Configuration that points the dashboard's sign-in at this authority.</summary>
    public static Dictionary<string, string?> Settings => new()
    {
        ["Dashboard:ClientId"] = ClientId,
        ["Dashboard:TenantId"] = TenantId,
    };

    public string CreateToken(string objectId, string? audience = null, string? tenant = null, TimeSpan? lifetime = null, DateTimeOffset? issuedAt = null, string scope = "access_as_user", bool unpublishedKey = false)
    {
        var issued = issuedAt ?? _time.GetUtcNow();
        var tid = tenant ?? TenantId;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Instance + tid + "/v2.0",
            Audience = audience ?? ClientId,
            IssuedAt = issued.UtcDateTime,
            NotBefore = issued.UtcDateTime,
            Expires = (issued + (lifetime ?? TimeSpan.FromHours(1))).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["oid"] = objectId,
                ["tid"] = tid,
                ["scp"] = scope,
                ["ver"] = "2.0",
                ["azp"] = "1fec8e78-bce4-4aaf-ab1b-5451cc387264",
            },
        };
        var key = unpublishedKey ? new RsaSecurityKey(TestKeys.NeverPublished) { KeyId = KeyId } : new RsaSecurityKey(_rsa) { KeyId = KeyId };
        descriptor.SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public void Dispose() => Handler.Dispose();

    private HttpResponseMessage Respond(RecordedRequest request) => request.Uri.AbsoluteUri switch
    {
        MetadataUrl => FakeHttpHandler.Json(HttpStatusCode.OK, new JsonObject
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Instance + TenantId + "/oauth2/v2.0/authorize",
            ["token_endpoint"] = Instance + TenantId + "/oauth2/v2.0/token",
            ["jwks_uri"] = KeysUrl,
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        }.ToJsonString()),
        KeysUrl => FakeHttpHandler.Json(HttpStatusCode.OK, KeysJson()),
        _ => new HttpResponseMessage(HttpStatusCode.NotFound),
    };

    private string KeysJson()
    {
        var parameters = _rsa.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            }),
        }.ToJsonString();
    }
}
