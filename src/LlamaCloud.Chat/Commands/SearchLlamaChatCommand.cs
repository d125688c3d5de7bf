using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using System;
using LlamaCloud.Chat.Analytics;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Archive;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Turns;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Finds text in chat sessions (prompts, answers, reasoning, tool arguments and results, errors) by regular expression, over live sessions or archive files.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Search, "LlamaChat", DefaultParameterSetName = ProjectSet)]
    [OutputType(typeof(ChatSearchMatch))]
    public sealed class SearchLlamaChatCommand : SessionInputCmdlet
    {
        private SearchPattern? _pattern;
        private EventFilter? _filter;

        /// <summary>The regular expression to find (.NET syntax), matched against each field's text as it reads (JSON
        /// escapes undone), line by line as reported. Case-insensitive unless -CaseSensitive.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Pattern { get; set; } = string.Empty;

        /// <summary>Take -Pattern as plain text, not a regular expression.</summary>
        [Parameter]
        public SwitchParameter SimpleMatch { get; set; }

        /// <summary>Match case exactly.</summary>
        [Parameter]
        public SwitchParameter CaseSensitive { get; set; }

        /// <summary>Only events of these types (wire names, as Get-LlamaChatEvent -Type): user_input, thinking_delta,
        /// thinking, tool_call, tool_result, text_delta, text, stop, unknown.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EventTypeCompleter))]
        public string[]? Type { get; set; }

        /// <summary>Only tool calls and results of these tools (wildcards allowed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        /// <summary>Also return this many events before and after each match (Before, After), whatever their type.</summary>
        [Parameter]
        [ValidateRange(0, 1000)]
        public int Context { get; set; }

        /// <summary>Session files or archive folders (wildcards allowed), read in pieces, never held whole.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FileSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        private protected override string[] FilePaths => Path;

        private protected override string ProgressActivity => Messages.Searching();

        private protected override void Start()
        {
            try
            {
                _pattern = new SearchPattern(Pattern, SimpleMatch, CaseSensitive);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(Messages.PatternInvalid(Pattern, ex.Message), ex),
                    ErrorIds.InvalidPattern, ErrorCategory.InvalidArgument, Pattern));
            }
            _filter = new EventFilter(Type, Name).WithSearch(_pattern!.Bytes, Context);
            // The one -Type warning, as Get-LlamaChatEvent says it (guesses for a typo, patterns that match nothing).
            if (EventTypeWarning.For(_filter) is { } warning) WriteWarning(warning);
            WriteVerbose(Messages.SearchAnchor(_pattern.Bytes?.Anchor));
        }

        private protected override PendingOutput? ForSession(ChatSession session)
        {
            if (session.EventCount != null) return new Searched(this, session.SessionId, null, null, session);
            return Stream(ApiFor(session), session.SessionId);
        }

        private protected override PendingOutput? ForSessionId(string id) => Stream(Api, id);

        private protected override PendingOutput? ForFile(string path, string id) => new Searched(this, id, path, null, null);

        private Searched Stream(ChatApi api, string id)
        {
            var channel = new EventChannel();
            Task task;
            try
            {
                task = api.StreamEventsAsync(id, _filter, channel, StopToken);
            }
            catch (LlamaCloudException ex)
            {
                channel.Complete(ex);
                task = Task.FromResult(0);
            }
            return new Searched(this, id, null, (channel, task), null);
        }

        /// <summary>One session's search: a stream (its download running ahead), a file (read when its turn comes), or a loaded session.</summary>
        private sealed class Searched : PendingOutput
        {
            private readonly SearchLlamaChatCommand _cmd;
            private readonly string _id;
            private readonly string? _file;
            private readonly (EventChannel Channel, Task Download)? _stream;
            private readonly ChatSession? _loaded;
            private readonly SessionSearch _search;
            private readonly List<ChatSearchMatch> _ready = new List<ChatSearchMatch>();

            internal Searched(SearchLlamaChatCommand cmd, string id, string? file, (EventChannel, Task)? stream, ChatSession? loaded)
            {
                _cmd = cmd;
                _id = id;
                _file = file;
                _stream = stream;
                _loaded = loaded;
                _search = new SessionSearch(cmd._pattern!, cmd._filter!, cmd.Context, file);
            }

            internal override bool IsCompleted => _stream == null || _stream.Value.Download.IsCompleted;

            internal override void Write()
            {
                if (_loaded != null)
                {
                    var lazy = _loaded.Lazy as LazyEvents;
                    Feed(lazy != null ? lazy.SelectSearched(_cmd._filter!) : (IEnumerable<ChatEvent>)_loaded.Events!);
                }
                else if (_file != null)
                {
                    try
                    {
                        Archive.SessionFileStream.Read(_file, new SessionReader(_id, new StreamedEvents(_cmd._filter)), batch =>
                        {
                            Feed(batch);
                            _cmd.ReportActivity();
                        });
                    }
                    catch (Exception ex) when (ex is InvalidSessionJsonException || ex is IOException || ex is UnauthorizedAccessException)
                    {
                        _search.Complete(_ready);
                        Flush();
                        _cmd.WriteError(new ErrorRecord(
                            new InvalidDataException(Archive.Messages.NotASessionFile(_file, ex.Message), ex),
                            ErrorIds.InvalidSessionFile, ex is InvalidSessionJsonException ? ErrorCategory.InvalidData : ErrorCategory.ReadError, _file));
                        return;
                    }
                }
                else
                {
                    while (true)
                    {
                        List<ChatEvent>? batch;
                        try
                        {
                            batch = _cmd.Await(_stream!.Value.Channel.ReadAsync(_cmd.StopToken));
                        }
                        catch (Exception ex) when (!(ex is PipelineStoppedException))
                        {
                            _search.Complete(_ready);
                            Flush(); // what was found before the failure is true
                            _cmd.WriteRequestError(ex, _id);
                            return;
                        }
                        if (batch == null) break;
                        Feed(batch);
                        _cmd.ReportActivity();
                    }
                }
                _search.Complete(_ready);
                Flush();
            }

            private void Feed(IEnumerable<ChatEvent> events)
            {
                foreach (var e in events) _search.Add(e, _ready);
                Flush();
            }

            private void Flush()
            {
                foreach (var m in _ready) _cmd.WriteObject(m);
                _ready.Clear();
            }
        }
    }
}
