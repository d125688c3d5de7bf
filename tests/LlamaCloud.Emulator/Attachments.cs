using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LlamaCloud.Emulator;

/// <summary>One attachment of a source file: a real PNG.</summary>
sealed record AttachmentFile(string Name, byte[] Bytes, DateTime LastModified);

/// <summary>
/// GET /api/v1/beta/attachments?source_id=&amp;page_size=&amp;page_token= (paged like the chat list: page_size 1..100,
/// default 20, opaque next_page_token) and GET /api/v1/beta/attachments/{attachment_name}?source_id= (a presigned URL
/// on <see cref="PresignedListener"/>, another port). Sources: <c>src-q3</c> (page_1.png .. page_24.png, page_4.png
/// being the one ses-demo's tool_result names), <c>src-redirect</c> (page_1.png whose URL passes through the API
/// host's /_emulator/redirect first), <c>src-empty</c> (none) and the hostile fixture's source and name.
/// An unknown source is 404 "File not found"; an unknown name 404 "Attachment not found"; a missing source_id 422.
/// </summary>
static class Attachments
{
    const string Prefix = "/api/v1/beta/attachments";
    public const string RedirectSource = "src-redirect";

    static readonly Lazy<Dictionary<string, AttachmentFile[]>> Sources = new(Build);

    public static IReadOnlyDictionary<string, AttachmentFile[]> All => Sources.Value;

    static Dictionary<string, AttachmentFile[]> Build()
    {
        var baseTime = new DateTime(2026, 4, 22, 12, 30, 0, DateTimeKind.Utc);
        var q3 = new AttachmentFile[24];
        for (int i = 1; i <= 24; i++)
            q3[i - 1] = new AttachmentFile($"page_{i}.png", Png.Make(8 + i, 6, (byte)(i * 10), (byte)(200 - i * 5), 90), baseTime.AddSeconds(i));
        return new Dictionary<string, AttachmentFile[]>(StringComparer.Ordinal)
        {
            ["src-q3"] = q3,
            [RedirectSource] = [new AttachmentFile("page_1.png", Png.Make(5, 5, 10, 120, 240), baseTime)],
            ["src-empty"] = [],
            ["</code>" + HostileFixture.Script] = [new AttachmentFile(HostileFixture.Img, Png.Make(4, 4, 250, 20, 20), baseTime)],
        };
    }

    /// <returns>false when the request is not an attachments request.</returns>
    public static async Task<bool> TryHandleAsync(HttpContext ctx, Emulator em, string rawPath, CancellationToken ct)
    {
        if (!rawPath.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = rawPath[Prefix.Length..];
        if (rest.Length > 0 && rest[0] != '/') return false;
        if (!ChatEndpoints.IsAuthorized(ctx, em.ApiKey))
        {
            ctx.Response.Headers.WWWAuthenticate = "Bearer";
            await HttpOut.SendAsync(ctx, ApiResult.Detail(401, "Invalid or missing API key"), ct);
            return true;
        }
        if (!HttpMethods.IsGet(ctx.Request.Method))
        {
            await HttpOut.SendAsync(ctx, ApiResult.Detail(405, "Method Not Allowed"), ct);
            return true;
        }
        string source = ctx.Request.Query["source_id"].ToString();
        if (source.Length == 0)
        {
            await HttpOut.SendAsync(ctx, QueryInvalid("source_id", "missing", "Field required"), ct);
            return true;
        }
        if (!All.TryGetValue(source, out var files))
        {
            await HttpOut.SendAsync(ctx, ApiResult.Detail(404, "File not found"), ct);
            return true;
        }
        var segments = rest.TrimStart('/');
        if (segments.Length == 0)
        {
            await HttpOut.SendAsync(ctx, List(ctx, files), ct);
            return true;
        }
        if (segments.Contains('/'))
        {
            await HttpOut.SendAsync(ctx, ApiResult.Detail(404, "Not Found"), ct);
            return true;
        }
        string name = RawTarget.Decode(segments);
        var file = files.FirstOrDefault(f => f.Name == name);
        if (file is null)
        {
            await HttpOut.SendAsync(ctx, ApiResult.Detail(404, "Attachment not found"), ct);
            return true;
        }
        await HttpOut.SendAsync(ctx, Presigned(ctx, em, source, file), ct);
        return true;
    }

    static ApiResult List(HttpContext ctx, AttachmentFile[] files)
    {
        int pageSize = 20;
        string sizeText = ctx.Request.Query["page_size"].ToString();
        if (sizeText.Length > 0 && (!int.TryParse(sizeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 100))
            return QueryInvalid("page_size", "less_than_equal", "Input should be between 1 and 100");
        int offset = 0;
        string token = ctx.Request.Query["page_token"].ToString();
        if (token.Length > 0 && !PageToken.TryDecode(token, out offset)) return ApiResult.Detail(400, "Invalid page token");
        int start = Math.Min(offset, files.Length), end = Math.Min(files.Length, start + pageSize);
        return ApiResult.Json(200, HttpOut.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("items"u8);
            for (int i = start; i < end; i++)
            {
                w.WriteStartObject();
                w.WriteString("name"u8, files[i].Name);
                w.WriteNumber("size"u8, files[i].Bytes.Length);
                w.WriteString("last_modified"u8, files[i].LastModified.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (end < files.Length) w.WriteString("next_page_token"u8, PageToken.Encode(end));
            w.WriteEndObject();
        }));
    }

    static ApiResult Presigned(HttpContext ctx, Emulator em, string source, AttachmentFile file)
    {
        var expires = DateTimeOffset.UtcNow.AddSeconds(em.Presigned.ExpiresInSeconds);
        string url = em.Presigned.UrlFor(source, file.Name, expires);
        if (source == RedirectSource)
            url = $"{ctx.Request.Scheme}://{ctx.Request.Host}/_emulator/redirect?to={Uri.EscapeDataString(url)}";
        return ApiResult.Json(200, HttpOut.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("expires_at"u8, expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            w.WriteString("url"u8, url);
            w.WriteNull("form_fields"u8);
            w.WriteEndObject();
        }));
    }

    static ApiResult QueryInvalid(string field, string type, string msg) => ApiResult.Json(422, HttpOut.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("detail"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, type);
        w.WriteStartArray("loc"u8);
        w.WriteStringValue("query"u8);
        w.WriteStringValue(field);
        w.WriteEndArray();
        w.WriteString("msg"u8, msg);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }));

    /// <summary>The signature a presigned URL carries: HMAC-SHA256 over source, name and expiry (hex, 32 digits).</summary>
    public static string Sign(byte[] secret, string source, string name, long expires) =>
        Convert.ToHexString(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{source}\n{name}\n{expires}")))[..32].ToLowerInvariant();
}
