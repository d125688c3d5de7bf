using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Http;
using LlamaCloud.Chat.Serialization;

namespace LlamaCloud.Chat.Tests.Support
{
    /// <summary>Shared helpers: reading documents whole or as a network caller does, and describing events for comparison.</summary>
    internal static class TestUtil
    {
        internal static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

        /// <summary>The repository's root: the first folder above the test binaries that holds LlamaCloud.sln.</summary>
        internal static string RepositoryRoot
        {
            get
            {
                var dir = new System.IO.DirectoryInfo(AppContext.BaseDirectory);
                while (dir != null && !System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "LlamaCloud.sln"))) dir = dir.Parent;
                return dir?.FullName ?? throw new InvalidOperationException("LlamaCloud.sln not found above " + AppContext.BaseDirectory);
            }
        }

        /// <summary>Lets tests write JSON with single quotes: every ' becomes ".</summary>
        internal static string Q(string s) => s.Replace('\'', '"');

        /// <summary>One whole read (isFinalBlock: true), keeping the events in the session.</summary>
        internal static (ChatSession Session, List<ChatEvent> Events) ReadWhole(string json, string? requestedId = "ses-1", EventFilter? filter = null)
            => ReadWhole(Utf8(json), requestedId, filter);

        internal static (ChatSession Session, List<ChatEvent> Events) ReadWhole(byte[] json, string? requestedId = "ses-1", EventFilter? filter = null, int skipBelow = 0)
        {
            // The whole history kept, or (filtered or skipping) the events a stream would hand out.
            var reader = new SessionReader(requestedId, filter == null && skipBelow == 0 ? new KeptEvents() : new StreamedEvents(filter, skipBelow));
            var output = new List<ChatEvent>();
            var consumed = reader.Read(json, true, output);
            Assert.True(reader.IsComplete);
            Assert.True(consumed <= json.Length);
            return (reader.Session, output);
        }

        /// <summary>
        /// <see cref="SessionReader.Read(ReadOnlySpan{byte}, bool)"/>, adding the events this read built to
        /// <paramref name="output"/>: those kept since the last read, or the streamed batch.
        /// </summary>
        internal static int Read(this SessionReader reader, ReadOnlySpan<byte> data, bool isFinalBlock, List<ChatEvent> output)
        {
            var before = reader.Session.Events?.Count ?? 0;
            var consumed = reader.Read(data, isFinalBlock);
            if (reader.Sink is KeptEvents)
            {
                var all = reader.Session.Events; // null when the document has no events array
                for (var i = before; i < (all?.Count ?? 0); i++) output.Add(all![i]);
            }
            else if (reader.Sink.TakeBatch() is { } batch) output.AddRange(batch);
            return consumed;
        }

        /// <summary>Reads a single-event session and returns that event.</summary>
        internal static ChatEvent One(string eventJson)
        {
            var (_, events) = ReadWhole("{\"session_id\":\"ses-1\",\"events\":[" + eventJson + "]}");
            return Assert.Single(events);
        }

        /// <summary>
        /// Drives the production read loop (ResponseBody.ReadSessionAsync) over a body that arrives exactly
        /// <paramref name="chunk"/> bytes per network read. Events handed out in batches are returned; a reader that keeps
        /// its events has them in <c>Reader.Session.Events</c> as well.
        /// </summary>
        internal static (SessionReader Reader, List<ChatEvent> Events) ReadChunked(byte[] doc, int chunk, string? requestedId = "ses-1",
            EventFilter? filter = null, bool keepEvents = true)
        {
            var reader = new SessionReader(requestedId, keepEvents && filter == null ? new KeptEvents() : new StreamedEvents(filter));
            var output = new List<ChatEvent>();
            var content = new System.Net.Http.StreamContent(new TrickleStream(doc, Math.Max(1, chunk)));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(60), System.Threading.CancellationToken.None);
            ResponseBody.ReadSessionAsync(response, reader, batch =>
            {
                output.AddRange(batch);
                return System.Threading.Tasks.Task.CompletedTask;
            }, ctx).GetAwaiter().GetResult();
            if (reader.Sink is KeptEvents && reader.Session.Events != null) output.AddRange(reader.Session.Events);
            return (reader, output);
        }

        /// <summary>
        /// A whole session as Get-LlamaChatSession fetches it (ChatApi.WholeSessionReader through ResponseBody): the body
        /// kept in receive buffers and the events built on demand; the body arrives in reads of <paramref name="sizes"/> bytes.
        /// </summary>
        internal static ChatSession FetchWhole(byte[] body, string sessionId, params int[] sizes)
        {
            var content = new System.Net.Http.StreamContent(new TrickleStream(body, sizes));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content };
            using var ctx = new AttemptContext(1, TimeSpan.FromSeconds(60), System.Threading.CancellationToken.None);
            var reader = ChatApi.WholeSessionReader(sessionId);
            ResponseBody.ReadSessionAsync(response, reader, null, ctx).GetAwaiter().GetResult();
            return reader.Session;
        }

        /// <summary>Dotted access into PowerShell values: a PSObject's note property.</summary>
        internal static object? P(object? o, string name)
        {
            var pso = Assert.IsType<PSObject>(o);
            var prop = pso.Properties[name];
            Assert.NotNull(prop);
            return prop.Value;
        }

        /// <summary>Everything observable about an event, as one string, for whole-versus-chunked comparisons.</summary>
        internal static string Describe(ChatEvent e)
        {
            var sb = new StringBuilder();
            sb.Append(e.GetType().Name).Append('|').Append(e.Type ?? "<null>").Append('|').Append(e.Index!.Value.ToString(CultureInfo.InvariantCulture))
              .Append('|').Append(e.SessionId).Append('|');
            switch (e)
            {
                case ContentEvent c: sb.Append(c.Content ?? "<null>"); break;
                case ToolCallEvent t: sb.Append(t.CallId).Append('|').Append(t.Name).Append('|').Append(t.ArgumentsJson ?? "<none>"); break;
                case ToolResultEvent r:
                    sb.Append(r.CallId).Append('|').Append(r.Name).Append('|').Append(r.ResultJson ?? "<none>").Append('|')
                      .Append(r.ImageAttachment?.ToString() ?? "<null>");
                    break;
                case StopEvent s: sb.Append(s.Error ?? "<null>").Append('|').Append(s.IsError).Append('|').Append(s.Usage?.ToString() ?? "<null>"); break;
                case UnknownEvent u: sb.Append(u.RawJson); break;
            }
            return sb.ToString();
        }

        internal static List<string> DescribeAll(IEnumerable<ChatEvent> events)
        {
            var list = new List<string>();
            foreach (var e in events) list.Add(Describe(e));
            return list;
        }

        /// <summary>A session with one event of every type, unknown and untyped ones, non-ASCII text and payloads.</summary>
        internal static readonly string AllTypesDocument = Q(@"{'session_id':'ses-all','last_updated_at':'2026-04-22T12:34:41.342245','generated_title':'Q3 findings — Überblick','index_ids':['idx-abc123','idx-def456'],'job_metadata':{'duration_ms':1234.5,'error':null,'export_config_ids':['e1'],'is_error':false,'total_input_tokens':100,'total_output_tokens':20,'turns':2},'events':[
{'content':'What were the main findings in Q3? 日本語 🎉','type':'user_input'},
{'content':'Let me','type':'thinking_delta'},
{'content':' think\n\u00e9','type':'thinking_delta'},
{'content':'Let me think','type':'thinking'},
{'call_id':'call_1','name':'search_index','arguments':{'query':'Q3 findings','top_k':5,'filters':{'year':2026,'tags':['a','b']}},'type':'tool_call'},
{'call_id':'call_1','name':'search_index','result':{'nodes':[{'text':'Revenue grew','metadata':{'page':4,'score':0.87}}]},'image_attachment':{'attachment_name':'page_4.png','source_id':'src-1'},'type':'tool_result'},
{'content':'Revenue','type':'text_delta'},
{'content':' grew \ud83d\ude80','type':'text_delta'},
{'content':'Revenue grew 🚀','type':'text'},
{'error':null,'is_error':false,'usage':{'duration_ms':1500.25,'total_input_tokens':1200,'total_output_tokens':85,'turns':3},'type':'stop'},
{'type':'citation','ref':{'id':7},'text':'x'},
{'call_id':'call_2','name':'fetch','arguments':{}},
{'content':'no type'},
'a bare string',
42,
null,
[1,[2,{'a':3}]]
]}");
    }
}
