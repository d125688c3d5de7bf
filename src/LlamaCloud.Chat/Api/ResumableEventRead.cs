using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Api
{
    /// <summary>
    /// A streamed read of one session's events that survives retries: it knows how many events it has delivered,
    /// and each new attempt skips that many, so the caller sees every event exactly once however often the
    /// connection breaks.
    /// </summary>
    internal sealed class ResumableEventRead
    {
        private readonly string _sessionId;
        private readonly EventFilter? _filter;
        private readonly EventChannel _channel;
        private readonly CancellationToken _cancellationToken;

        internal ResumableEventRead(string sessionId, EventFilter? filter, EventChannel channel, CancellationToken cancellationToken)
        {
            _sessionId = sessionId;
            _filter = filter;
            _channel = channel;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Events of the history (filtered out ones included) already handed to the channel.</summary>
        internal int Delivered { get; private set; }

        /// <summary>One attempt's body: read from the start, skip what was delivered, hand out the rest as it arrives.</summary>
        internal async Task<bool> ReadAsync(HttpResponseMessage response, AttemptContext ctx)
        {
            var reader = new SessionReader(_sessionId, new StreamedEvents(_filter, Delivered));
            await ResponseBody.ReadSessionAsync(response, reader, async batch =>
            {
                await _channel.WriteAsync(batch, _cancellationToken).ConfigureAwait(false);
                Delivered = reader.EventsSeen;
            }, ctx).ConfigureAwait(false);
            return true;
        }
    }
}
