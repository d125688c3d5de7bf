using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Api
{
    /// <summary>
    /// The attachment endpoints (docs/api.md): GET /api/v1/beta/attachments?source_id= (paged) and
    /// GET /api/v1/beta/attachments/{attachment_name}?source_id= (a presigned URL). Both are plain GETs through the
    /// module's one client: the key goes to the API and nowhere else.
    /// </summary>
    internal sealed class AttachmentsApi
    {
        internal const string Root = "api/v1/beta/attachments";

        internal AttachmentsApi(LlamaCloudClient client)
        {
            Client = client;
        }

        internal LlamaCloudClient Client { get; }

        /// <summary>One page of the source's attachments (no URL yet) and the next page's token (null on the last page).</summary>
        internal Task<(List<ChatAttachment> Items, string? Next)> ListPageAsync(string sourceId, string? pageToken, CancellationToken cancellationToken)
        {
            var uri = Client.BuildUri(Root, new[]
            {
                new KeyValuePair<string, string?>("source_id", sourceId),
                new KeyValuePair<string, string?>("page_token", pageToken),
            });
            return Client.ExecuteAsync(RequestSpec.Get(uri, null), async (response, ctx) =>
            {
                var body = await ResponseText.ReadAllJsonAsync(response, ctx).ConfigureAwait(false);
                return ParsePage(sourceId, body, Client.Options);
            }, cancellationToken);
        }

        /// <summary>The attachment with a fresh presigned URL and its expiry.</summary>
        internal Task<ChatAttachment> GetAsync(string sourceId, string name, CancellationToken cancellationToken)
        {
            var uri = Client.BuildUri(Root + "/" + SegmentOf(name), new[] { new KeyValuePair<string, string?>("source_id", sourceId) });
            return Client.ExecuteAsync(RequestSpec.Get(uri, null), async (response, ctx) =>
            {
                var body = await ResponseText.ReadAllJsonAsync(response, ctx).ConfigureAwait(false);
                var a = new ChatAttachment(sourceId, name);
                AttachmentOrigins.Record(a, Client.Options);
                ParsePresigned(a, body);
                return a;
            }, cancellationToken);
        }

        private static string SegmentOf(string name)
        {
            if (string.IsNullOrEmpty(name))
                throw new LlamaCloudException(Messages.AttachmentNameEmpty(), ErrorIds.InvalidSessionId, System.Management.Automation.ErrorCategory.InvalidArgument);
            return ChatApiPaths.EscapeSegment(name);
        }

        internal static (List<ChatAttachment> Items, string? Next) ParsePage(string sourceId, byte[] body, LlamaCloudOptions? source)
        {
            var items = new List<ChatAttachment>();
            string? next = null;
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new InvalidSessionJsonException(Messages.AttachmentPageNotObject());
                if (root.TryGetProperty("items", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in list.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String)
                            throw new InvalidSessionJsonException(Messages.AttachmentWithoutName());
                        var a = new ChatAttachment(sourceId, n.GetString()!);
                        AttachmentOrigins.Record(a, source);
                        if (item.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number && size.TryGetInt64(out var bytes)) a.Size = bytes;
                        if (item.TryGetProperty("last_modified", out var lm) && lm.ValueKind == JsonValueKind.String) a.LastModified = Utc(lm.GetString());
                        items.Add(a);
                    }
                }
                else if (!root.TryGetProperty("items", out _))
                {
                    throw new InvalidSessionJsonException(Messages.AttachmentPageWithoutItems());
                }
                if (root.TryGetProperty("next_page_token", out var t) && t.ValueKind == JsonValueKind.String && t.GetString()!.Length > 0) next = t.GetString();
            }
            catch (JsonException ex)
            {
                throw new InvalidSessionJsonException(Messages.AttachmentPageInvalidJson(ex.Message), ex);
            }
            return (items, next);
        }

        internal static void ParsePresigned(ChatAttachment a, byte[] body)
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String
                    || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                    throw new InvalidSessionJsonException(Messages.PresignedUrlMissing());
                a.Url = uri;
                if (root.TryGetProperty("expires_at", out var exp) && exp.ValueKind == JsonValueKind.String) a.ExpiresAt = Utc(exp.GetString());
                if (root.TryGetProperty("form_fields", out var ff) && ff.ValueKind == JsonValueKind.Object)
                {
                    var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var p in ff.EnumerateObject()) fields[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                    a.FormFields = fields;
                }
            }
            catch (JsonException ex)
            {
                throw new InvalidSessionJsonException(Messages.PresignedUrlInvalidJson(ex.Message), ex);
            }
        }

        private static DateTime? Utc(string? text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dto)
                ? dto.UtcDateTime : (DateTime?)null;
    }
}
