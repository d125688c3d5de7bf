using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace LlamaCloud.Chat.Http
{
    /// <summary>Response bodies read as text or small JSON: error bodies for their <c>detail</c>, non-JSON answers described.</summary>
    internal static class ResponseText
    {
        private const int MaxErrorBody = 64 * 1024;

        /// <summary>Reads a whole (small) JSON body, e.g. a page of the session list.</summary>
        internal static async Task<byte[]> ReadAllJsonAsync(HttpResponseMessage response, AttemptContext ctx)
        {
            await EnsureJsonAsync(response, ctx).ConfigureAwait(false);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var reg = ctx.Token.Register(response.Dispose);
            using var ms = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int n;
            while (true)
            {
                ctx.Touch();
                n = await stream.ReadAsync(buffer, 0, buffer.Length, ctx.Token).ConfigureAwait(false);
                ctx.Token.ThrowIfCancellationRequested();
                if (n == 0) break;
                ms.Write(buffer, 0, n);
                ctx.BytesReceived += n;
            }
            if (ms.Length == 0) throw new InvalidSessionJsonException(Messages.EmptyBody());
            return ms.ToArray();
        }

        /// <summary>A proxy's HTML page or any other non-JSON answer is named as such, with a glimpse of what came.</summary>
        internal static async Task EnsureJsonAsync(HttpResponseMessage response, AttemptContext ctx)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType == null || IsJson(mediaType)) return;
            var glimpse = await ReadTextAsync(response, 2048, ctx).ConfigureAwait(false);
            throw new InvalidSessionJsonException(Messages.ExpectedJson(mediaType, Describe(glimpse)));
        }

        internal static bool IsJson(string mediaType) =>
            mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase);

        /// <summary>The text of an error body, bounded, and its <c>detail</c> when it is the API's JSON error shape.</summary>
        internal static async Task<(string? Detail, string? Text)> ReadErrorAsync(HttpResponseMessage response, AttemptContext ctx)
        {
            string? text;
            try
            {
                text = await ReadTextAsync(response, MaxErrorBody, ctx).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
            {
                return (null, null);
            }
            if (string.IsNullOrWhiteSpace(text)) return (null, null);
            return (ExtractDetail(text!), text);
        }

        /// <summary>FastAPI errors: <c>{"detail": "text"}</c>, or <c>{"detail": [{"loc": [...], "msg": "..."}]}</c> for validation.</summary>
        internal static string? ExtractDetail(string text)
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
                if (!doc.RootElement.TryGetProperty("detail", out var detail)
                    && !doc.RootElement.TryGetProperty("message", out detail)
                    && !doc.RootElement.TryGetProperty("error", out detail)) return null;
                switch (detail.ValueKind)
                {
                    case JsonValueKind.String: return detail.GetString();
                    case JsonValueKind.Array:
                        var parts = new List<string>();
                        foreach (var item in detail.EnumerateArray())
                        {
                            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("msg", out var msg))
                            {
                                var loc = item.TryGetProperty("loc", out var l) && l.ValueKind == JsonValueKind.Array
                                    ? string.Join(".", EnumerateText(l)) + ": " : string.Empty;
                                parts.Add(loc + msg.ToString());
                            }
                            else parts.Add(item.ToString());
                        }
                        return string.Join("; ", parts);
                    case JsonValueKind.Null: return null;
                    default: return detail.GetRawText();
                }
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException)
            {
                return null;
            }
        }

        private static IEnumerable<string> EnumerateText(JsonElement array)
        {
            foreach (var e in array.EnumerateArray()) yield return e.ToString();
        }

        private static async Task<string?> ReadTextAsync(HttpResponseMessage response, int max, AttemptContext ctx)
        {
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var reg = ctx.Token.Register(response.Dispose);
            var buffer = new byte[max];
            var filled = 0;
            int n;
            while (filled < max && (n = await stream.ReadAsync(buffer, filled, max - filled, ctx.Token).ConfigureAwait(false)) > 0)
            {
                ctx.Touch();
                filled += n;
            }
            ctx.BytesReceived += filled;
            return Encoding.UTF8.GetString(buffer, 0, filled);
        }

        /// <summary>": title" of an HTML page, else a one-line start of the text.</summary>
        internal static string Describe(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return Messages.EmptyGlimpse();
            var t = text!;
            var i = t.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
            if (i >= 0)
            {
                var j = t.IndexOf("</title>", i, StringComparison.OrdinalIgnoreCase);
                if (j > i) return Messages.PageTitleGlimpse(TextSummary.OneLine(t.Substring(i + 7, j - i - 7), 120));
            }
            return Messages.TextGlimpse(TextSummary.OneLine(t, 120));
        }
    }
}
