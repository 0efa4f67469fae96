using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using QaBot.Testing.Http;

namespace QaBot.Testing.BotFramework;

/// <summary>
/// Plays the Bot Framework's token service for tests: RSA keys minted here, an OpenID metadata document and a key
/// set (with endorsements) served by a <see cref="FakeHttpHandler"/>, and tokens signed with those keys.
/// </summary>
public sealed class TestChannelAuthority : IDisposable
{
    public const string MetadataUrl = "https://login.botframework.test/v1/.well-known/openidconfiguration";
    public const string KeysUrl = "https://login.botframework.test/v1/.well-known/keys";
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "6d9f6a3e-0c0c-4c1b-9c41-5b3b2f3a0a11";
    public const string TenantId = "7a4f2d55-3c61-4b8e-9d0e-1f2a3b4c5d6e";
    public const string ServiceUrl = "https://smba.trafficmanager.net/uk/";

    private readonly List<(string Kid, RSA Rsa, string[] Endorsements)> _keys = [];
    private readonly TimeProvider _time;

    public TestChannelAuthority(TimeProvider time)
    {
        _time = time;
        Handler = new FakeHttpHandler(Respond);
        AddKey("key-endorsed", "msteams", "webchat");
        AddKey("key-not-endorsed");
    }

    /// <summary>Serves the metadata document and the key set; anything else is a 404.</summary>
    public FakeHttpHandler Handler { get; }

    /// <summary>While true, both documents are answered with 500, as during an outage.</summary>
    public bool Failing { get; set; }

    public int MetadataFetches => Handler.Requests.Count(r => r.Uri.AbsoluteUri == MetadataUrl);

    /// <summary>Publishes a new key (as a key rotation would); returns its id.</summary>
    public string AddKey(string kid, params string[] endorsements)
    {
        _keys.Add((kid, TestKeys.Next(), endorsements));
        return kid;
    }

    public string CreateToken(TestTokenOptions? options = null)
    {
        options ??= new TestTokenOptions();
        var issuedAt = options.IssuedAt ?? _time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["serviceurl"] = options.ServiceUrl ?? ServiceUrl,
            ["appid"] = "bot-framework-channel",
        };
        if (options.OmitServiceUrl)
        {
            claims.Remove("serviceurl");
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer ?? Issuer,
            Audience = options.Audience ?? AppId,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + options.Lifetime).UtcDateTime,
            Claims = claims,
        };

        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        if (options.AlgNone)
        {
            // Names a published key so that only the missing signature can be the reason for refusal.
            return WithKid(handler.CreateToken(descriptor), options.KeyId ?? _keys[0].Kid);
        }

        if (options.SymmetricHs256)
        {
            var secret = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = options.KeyId ?? "key-endorsed" };
            descriptor.SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256);
            return handler.CreateToken(descriptor);
        }

        RsaSecurityKey key;
        if (options.UseUnpublishedKey)
        {
            key = new RsaSecurityKey(TestKeys.NeverPublished) { KeyId = options.KeyId ?? "key-never-published" };
        }
        else
        {
            var chosen = options.KeyId is null ? _keys[0] : _keys.Single(k => k.Kid == options.KeyId);
            key = new RsaSecurityKey(chosen.Rsa) { KeyId = chosen.Kid };
        }

        descriptor.SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
        return handler.CreateToken(descriptor);
    }

    public void Dispose() => Handler.Dispose();

    private HttpResponseMessage Respond(RecordedRequest request) => Failing
        ? new HttpResponseMessage(HttpStatusCode.InternalServerError)
        : request.Uri.AbsoluteUri switch
    {
        MetadataUrl => FakeHttpHandler.Json(HttpStatusCode.OK, MetadataJson()),
        KeysUrl => FakeHttpHandler.Json(HttpStatusCode.OK, KeysJson()),
        _ => new HttpResponseMessage(HttpStatusCode.NotFound),
    };

    private static string MetadataJson() => new JsonObject
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = "https://invalid.botframework.test",
        ["jwks_uri"] = KeysUrl,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    }.ToJsonString();

    private string KeysJson()
    {
        var keys = new JsonArray();
        foreach (var (kid, rsa, endorsements) in _keys)
        {
            var parameters = rsa.ExportParameters(false);
            keys.Add(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = kid,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                ["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]),
            });
        }

        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    private static string WithKid(string unsignedToken, string kid)
    {
        var parts = unsignedToken.Split('.');
        var header = JsonNode.Parse(Base64UrlEncoder.Decode(parts[0]))!.AsObject();
        header["kid"] = kid;
        return Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToJsonString(new JsonSerializerOptions()))) + "." + parts[1] + ".";
    }
}
