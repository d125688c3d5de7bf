using System;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Archive;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Saves chat sessions as JSON files, one per session, byte for byte as the API sends them.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "LlamaChatSession", SupportsShouldProcess = true, DefaultParameterSetName = IdSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportLlamaChatSessionCommand : LlamaCloudCmdlet
    {
        private const string IdSet = "Id";
        private const string SessionSet = "Session";

        private SessionFileWriter? _writer;
        private OrderedOutputQueue? _queue;

        /// <summary>Sessions to fetch again and save, e.g. <c>-Session $sessions</c> (alias -InputObject): each is fetched from
        /// the place it came from (with its key) unless this command has its own connection parameters.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SessionSet)]
        [Alias("InputObject")]
        [ValidateNotNullOrEmpty]
        public ChatSession[] Session { get; set; } = Array.Empty<ChatSession>();

        // Why: A session piped in while the id set (the default, so that a bare call prompts for ids) is bound: its
        // SessionId binds to -Id, and this keeps where it came from. (Not -Session in both sets: typed on the command
        // line it would leave the id set chosen, and prompt for an id.)
        /// <summary>A session piped in (hidden: pipe sessions, or use -Session).</summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = IdSet, DontShow = true)]
        [ValidateNotNull]
        public ChatSession[] PipedSession { get; set; } = Array.Empty<ChatSession>();

        /// <summary>Ids of sessions to fetch and save. Takes strings from the pipeline, and the SessionId property of piped objects.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("SessionId")]
        [ValidateNotNullOrEmpty]
        [SessionIdTransformation]
        [ValidateSessionId]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>The folder to write into; created if missing. Each session becomes one file named after its id (see the help for the scheme).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Overwrite existing files.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write the created files to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Re-indent the JSON (two spaces per level). Values and escapes stay exactly as the server wrote them.</summary>
        [Parameter]
        public SwitchParameter Indented { get; set; }

        /// <summary>How many sessions are downloaded at once. Files are put in place, and written to the pipeline, in input order. Default 8.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            _writer = new SessionFileWriter(ArchiveFolder.Resolve(this, Path), Indented);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (_queue == null)
            {
                _queue = new OrderedOutputQueue(this, ThrottleLimit, Messages.ExportingSessions());
                if (!MyInvocation.ExpectingInput) _queue.Total = ParameterSetName == SessionSet ? Session.Length : Id.Length;
            }
            if (ParameterSetName == SessionSet)
            {
                foreach (var s in Session)
                {
                    if (s != null) Export(s, s.SessionId);
                }
                return;
            }
            // The binder resets PipedSession for each pipeline object: when set, it is this record's session.
            var piped = PipedSession.Length == 1 ? PipedSession[0] : null;
            var session = piped != null && Id.Length == 1 && Id[0] == piped.SessionId ? piped : null;
            foreach (var id in Id) Export(session, id);
        }

        /// <inheritdoc />
        protected override void EndProcessing() => _queue?.WriteReady(all: true);

        /// <inheritdoc />
        private protected override void OnDisposing() => _queue?.AbandonAll();

        private void Export(ChatSession? session, string id)
        {
            string file;
            try
            {
                file = _writer!.PathFor(id);
            }
            catch (ArgumentException ex)
            {
                WriteError(new ErrorRecord(ex, ErrorIds.InvalidSessionId, ErrorCategory.InvalidArgument, id));
                return;
            }
            if (!ShouldProcess(file, Messages.ExportSessionAction(id))) return;
            if (File.Exists(file) && !Force)
            {
                WriteError(new ErrorRecord(new IOException(Messages.FileExists(file)),
                    ErrorIds.ExportFileExists, ErrorCategory.ResourceExists, file));
                return;
            }
            ChatApi api;
            try
            {
                api = session == null ? Api : ApiFor(session);
            }
            catch (LlamaCloudException ex)
            {
                WriteRequestError(ex, id);
                return;
            }
            _queue!.Add(new PendingExport(this, id, file, _writer.StageAsync(api, id, StopToken)));
        }

        /// <summary>One session's download in the ordered window; put in place when its turn comes.</summary>
        private sealed class PendingExport : PendingStagedFile
        {
            private readonly ExportLlamaChatSessionCommand _cmd;
            private readonly string _file;

            internal PendingExport(ExportLlamaChatSessionCommand cmd, string id, string file, Task<StagedSessionFile> task)
                : base(cmd, id, task)
            {
                _cmd = cmd;
                _file = file;
            }

            protected override object WriteErrorTarget => _file;

            protected override void OnCommitted(StagedSessionFile staged)
            {
                if (_cmd.PassThru) WriteFile(_file);
            }
        }
    }
}
