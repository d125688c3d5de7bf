using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace LlamaCloud.Chat
{
    /// <summary>The chat endpoints, one method each, on top of <see cref="LlamaCloudClient"/>.</summary>
    internal sealed class ChatApi
    {
        internal ChatApi(LlamaCloudClient client)
        {
            Client = client;
        }

        internal LlamaCloudClient Client { get; }

        /// <summary>GET /api/v1/chat/{id}: the whole session, events included. Never returns a partial session.</summary>
        internal Task<ChatSession> GetSessionAsync(string sessionId, CancellationToken cancellationToken) =>
            ReadSessionAsync(sessionId, null, cancellationToken);

        /// <summary>GET /api/v1/chat/{id}/summary: the session without events (Events is null: not loaded).</summary>
        internal Task<ChatSession> GetSummaryAsync(string sessionId, CancellationToken cancellationToken) =>
            ReadSessionAsync(sessionId, "summary", cancellationToken);

        private async Task<ChatSession> ReadSessionAsync(string sessionId, string? suffix, CancellationToken cancellationToken)
        {
            var uri = Client.BuildUri(ChatApiPaths.SessionPath(Client.Options.BaseUri, sessionId, suffix));
            var whole = suffix == null;
            return await Client.ExecuteAsync(HttpMethod.Get, uri, sessionId, async (response, ctx) =>
            {
                var reader = whole ? WholeSessionReader(sessionId) : new SessionReader(sessionId, null, keepEvents: false);
                await ResponseBody.ReadSessionAsync(response, reader, null, ctx).ConfigureAwait(false);
                var session = reader.Session;
                if (!whole) session.Events = null;
                session.Source = Client.Options;
                return session;
            }, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The reader of a whole session: it keeps the body and builds the events when first asked (see LazyEvents).</summary>
        internal static SessionReader WholeSessionReader(string sessionId) =>
            new SessionReader(sessionId, null, keepEvents: true) { Deferred = new LazyEvents() };

        /// <summary>
        /// GET /api/v1/chat/{id}, streaming the events that pass <paramref name="filter"/> into <paramref name="channel"/>
        /// as they are parsed. If the connection breaks part-way, the retry skips the events already delivered,
        /// so the caller sees each event exactly once.
        /// </summary>
        internal async Task StreamEventsAsync(string sessionId, EventFilter? filter, EventChannel channel, CancellationToken cancellationToken)
        {
            var delivered = 0;
            try
            {
                var uri = Client.BuildUri(ChatApiPaths.SessionPath(Client.Options.BaseUri, sessionId, null));
                await Client.ExecuteAsync(HttpMethod.Get, uri, sessionId, async (response, ctx) =>
                {
                    var reader = new SessionReader(sessionId, filter, keepEvents: false) { SkipBelow = delivered };
                    await ResponseBody.ReadSessionAsync(response, reader, async batch =>
                    {
                        await channel.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                        delivered = reader.EventsSeen;
                    }, ctx).ConfigureAwait(false);
                    return true;
                }, cancellationToken).ConfigureAwait(false);
                channel.Complete(null);
            }
            catch (System.Exception ex)
            {
                channel.Complete(ex);
            }
        }

        /// <summary>GET /api/v1/chat: one page of session summaries, newest first.</summary>
        internal Task<SessionPage> ListAsync(int pageSize, string? pageToken, CancellationToken cancellationToken)
        {
            var uri = Client.BuildUri(ChatApiPaths.ChatRoot, new[]
            {
                new KeyValuePair<string, string?>("page_size", pageSize.ToString(CultureInfo.InvariantCulture)),
                new KeyValuePair<string, string?>("page_token", pageToken),
            });
            return Client.ExecuteAsync(HttpMethod.Get, uri, null, async (response, ctx) =>
            {
                var page = SessionPage.Parse(await ResponseBody.ReadAllJsonAsync(response, ctx).ConfigureAwait(false));
                foreach (var s in page.Items) s.Source = Client.Options;
                return page;
            }, cancellationToken);
        }
    }
}
