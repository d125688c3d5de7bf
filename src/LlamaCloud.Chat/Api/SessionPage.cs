using System;
using System.Collections.Generic;
using System.Text.Json;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Api
{
    /// <summary>One page of GET /api/v1/chat: session summaries and the token of the next page (null on the last).</summary>
    internal sealed class SessionPage
    {
        internal SessionPage(List<ChatSession> items, string? nextPageToken)
        {
            Items = items;
            NextPageToken = nextPageToken;
        }

        internal List<ChatSession> Items { get; }
        internal string? NextPageToken { get; }

        internal static SessionPage Parse(byte[] body)
        {
            var items = new List<ChatSession>();
            string? next = null;
            try
            {
                var r = new Utf8JsonReader(body, JsonLimits.Document);
                if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
                    throw new InvalidSessionJsonException(Messages.SessionPageNotObject());
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("items"u8))
                    {
                        r.Read();
                        if (r.TokenType == JsonTokenType.Null) continue;
                        if (r.TokenType != JsonTokenType.StartArray) throw new InvalidSessionJsonException(Messages.SessionPageItemsNotArray());
                        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                        {
                            var start = (int)r.TokenStartIndex;
                            r.Skip();
                            var item = new SessionReader(null, SummaryOnly.Instance);
                            item.Read(new System.ReadOnlySpan<byte>(body, start, (int)r.BytesConsumed - start), true);
                            item.Session.Events = null;
                            items.Add(item.Session);
                        }
                    }
                    else if (r.ValueTextEquals("next_page_token"u8))
                    {
                        r.Read();
                        next = r.TokenType == JsonTokenType.String ? JsonStrings.GetString(ref r) : null;
                        if (string.IsNullOrEmpty(next)) next = null;
                    }
                    else
                    {
                        r.Read();
                        r.Skip();
                    }
                }
            }
            catch (JsonException ex)
            {
                throw new InvalidSessionJsonException(Messages.SessionPageInvalidJson(ex.Message), ex);
            }
            catch (InvalidOperationException ex)
            {
                throw new InvalidSessionJsonException(Messages.SessionPageUnreadable(ex.Message), ex);
            }
            return new SessionPage(items, next);
        }
    }
}
