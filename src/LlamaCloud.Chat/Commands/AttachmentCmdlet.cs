using System;
using System.Collections.Generic;
using System.Management.Automation;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// What Get-LlamaChatAttachment and Save-LlamaChatAttachment share: attachments named by piped tool results, tool
    /// calls, turns, sessions (or their ids) and attachment objects, or by -SourceId [-Name]; each distinct attachment
    /// once per command.
    /// </summary>
    public abstract class AttachmentCmdlet : LlamaCloudCmdlet
    {
        private protected const string InputSet = "Input";
        private protected const string SourceSet = "Source";
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<LlamaCloudOptions, AttachmentsApi> _bySource = new Dictionary<LlamaCloudOptions, AttachmentsApi>();
        private AttachmentsApi? _attachments;

        /// <summary>What names the attachments: tool_result events (Get-LlamaChatEvent), turns (Get-LlamaChatTurn), tool
        /// calls, sessions or session ids (every tool result of the session), ImageAttachment or ChatAttachment objects.
        /// Other events are passed over.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = InputSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[] InputObject { get; set; } = Array.Empty<object>();

        /// <summary>The source file whose attachments to get (a file UUID or directory file id, as a tool result's
        /// image_attachment gives it).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SourceSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string SourceId { get; set; } = string.Empty;

        /// <summary>The attachments' names (e.g. page_4.png). Without it, every attachment of the source is listed (paged for you).</summary>
        [Parameter(ParameterSetName = SourceSet, ValueFromPipelineByPropertyName = true)]
        [Alias("AttachmentName")]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        private protected AttachmentsApi Attachments => _attachments ??= new AttachmentsApi(Api.Client);

        /// <summary>Where to ask about <paramref name="a"/>: where the session or attachment it came from was fetched (so a
        /// piped session needs no connection parameters again), else this command's own connection.</summary>
        private protected AttachmentsApi AttachmentsFor(ChatAttachment a)
        {
            var origin = AttachmentOrigins.Of(a);
            if (origin == null) return Attachments;
            if (_bySource.TryGetValue(origin, out var api)) return api;
            var stand = new ChatSession(a.SessionId ?? string.Empty);
            SessionOrigins.Record(stand, origin);
            api = new AttachmentsApi(ApiFor(stand).Client);
            _bySource[origin] = api;
            return api;
        }

        /// <summary>Each attachment of this record's input, resolved with a presigned URL, handed to <paramref name="use"/>.</summary>
        private protected void ForEachAttachment(Action<ChatAttachment> use)
        {
            if (ParameterSetName == SourceSet)
            {
                if (Name != null)
                {
                    foreach (var n in Name) Resolve(new ChatAttachment(SourceId, n), use);
                }
                else
                {
                    ListSource(SourceId, use);
                }
                return;
            }
            foreach (var item in InputObject)
            {
                foreach (var a in Named(item is PSObject pso ? pso.BaseObject : item, item)) Resolve(a, use);
            }
        }

        private IEnumerable<ChatAttachment> Named(object item, object original)
        {
            switch (item)
            {
                case ChatAttachment a:
                    yield return a;
                    break;
                case ImageAttachment image:
                    if (From(image, null, null) is { } fromImage) yield return fromImage;
                    break;
                case ToolResultEvent r:
                    if (From(r.ImageAttachment, r.SessionId, r.CallId) is { } fromResult) yield return fromResult;
                    break;
                case ChatEvent _:
                    break; // the other events of a piped history name no attachment
                case ChatToolCall call:
                    if (From(call.ImageAttachment, null, call.CallId) is { } fromCall) yield return fromCall;
                    break;
                case ChatTurn turn:
                    foreach (var c in turn.ToolCalls)
                    {
                        if (From(c.ImageAttachment, turn.SessionId, c.CallId) is { } fromTurn) yield return fromTurn;
                    }
                    break;
                case ChatSession session:
                    foreach (var r in ToolResults(session))
                    {
                        if (From(r.ImageAttachment, session.SessionId, r.CallId) is { } fromSession)
                        {
                            AttachmentOrigins.Record(fromSession, SessionOrigins.Of(session));
                            yield return fromSession;
                        }
                    }
                    break;
                case string id:
                    foreach (var r in StreamToolResults(Api, id)) if (From(r.ImageAttachment, id, r.CallId) is { } fromId) yield return fromId;
                    break;
                default:
                    // Any object with SourceId and Name (or AttachmentName), such as a row of Import-Csv.
                    var pso = original as PSObject ?? new PSObject(item);
                    var source = pso.Properties["SourceId"]?.Value as string;
                    var name = (pso.Properties["Name"]?.Value ?? pso.Properties["AttachmentName"]?.Value) as string;
                    if (!string.IsNullOrEmpty(source) && !string.IsNullOrEmpty(name))
                    {
                        yield return new ChatAttachment(source!, name!);
                        break;
                    }
                    WriteError(new ErrorRecord(new PSArgumentException(
                        Messages.NamesNoAttachment(item.GetType().Name)),
                        ErrorIds.UnexpectedError, ErrorCategory.InvalidArgument, original));
                    break;
            }
        }

        private static ChatAttachment? From(ImageAttachment? image, string? sessionId, string? callId) =>
            image == null || string.IsNullOrEmpty(image.SourceId) || string.IsNullOrEmpty(image.AttachmentName)
                ? null
                : new ChatAttachment(image.SourceId!, image.AttachmentName!) { SessionId = sessionId, CallId = callId };

        private IEnumerable<ToolResultEvent> ToolResults(ChatSession session)
        {
            if (session.EnumerateEvents() is { } loaded)
            {
                foreach (var e in loaded) if (e is ToolResultEvent r) yield return r;
                yield break;
            }
            foreach (var r in StreamToolResults(ApiFor(session), session.SessionId)) yield return r;
        }

        /// <summary>The tool results of a session's history, streamed (only they are built).</summary>
        private IEnumerable<ToolResultEvent> StreamToolResults(ChatApi api, string sessionId)
        {
            var channel = new EventChannel();
            var filter = new EventFilter(new[] { ChatEventType.ToolResult }, null);
            var task = api.StreamEventsAsync(sessionId, filter, channel, StopToken);
            var results = new List<ToolResultEvent>();
            try
            {
                while (Await(channel.ReadAsync(StopToken)) is { } batch)
                {
                    foreach (var e in batch) if (e is ToolResultEvent r) results.Add(r);
                }
            }
            catch (LlamaCloudException ex)
            {
                WriteRequestError(ex, sessionId);
            }
            GC.KeepAlive(task);
            return results;
        }

        private void ListSource(string sourceId, Action<ChatAttachment> use)
        {
            string? token = null;
            do
            {
                List<ChatAttachment> items;
                try
                {
                    (items, token) = Await(Attachments.ListPageAsync(sourceId, token, StopToken));
                }
                catch (LlamaCloudException ex)
                {
                    WriteRequestError(ex, sourceId);
                    return;
                }
                foreach (var a in items) Resolve(a, use);
            }
            while (token != null);
        }

        /// <summary>Gives <paramref name="a"/> a presigned URL (a fresh one when it has none or it expired), once per command.</summary>
        private void Resolve(ChatAttachment a, Action<ChatAttachment> use)
        {
            if (!_seen.Add(a.SourceId + "\n" + a.Name)) return;
            try
            {
                use(a.Url != null && !a.IsExpired ? a : Refresh(a));
            }
            catch (LlamaCloudException ex)
            {
                WriteRequestError(ex, a);
            }
        }

        /// <summary>The attachment with a fresh presigned URL, its listing and session details kept.</summary>
        private protected ChatAttachment Refresh(ChatAttachment a)
        {
            var fresh = Await(AttachmentsFor(a).GetAsync(a.SourceId, a.Name, StopToken));
            fresh.Size = a.Size;
            fresh.LastModified = a.LastModified;
            fresh.SessionId = a.SessionId;
            fresh.CallId = a.CallId;
            return fresh;
        }
    }
}
