using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System;
using LlamaCloud.Chat.Analytics;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Archive;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Turns;

namespace LlamaCloud.Chat.Commands
{
    // Every session of the project is listed through the one paging loop. Each input becomes one item of the ordered
    // fetch-ahead window (OrderedOutputQueue), so output and progress follow input order.
    /// <summary>
    /// The inputs the analytics cmdlets share: piped sessions (from Get-LlamaChatSession, listed or read from files),
    /// session ids, session files or archive folders read as streams, or, with none of these, every session of the
    /// project. Output follows input order, and at most -ThrottleLimit sessions download at once.
    /// </summary>
    public abstract class SessionInputCmdlet : LlamaCloudCmdlet
    {
        private protected const string ProjectSet = "Project";
        private protected const string SessionSet = "Session";
        private protected const string SessionIdSet = "SessionId";
        private protected const string FileSet = "File";
        private protected const string LiteralFileSet = "LiteralFile";

        private OrderedOutputQueue? _queue;

        /// <summary>Sessions, typically piped from Get-LlamaChatSession (a listing, ids, or -Path files). A session whose
        /// events are loaded is used as it is; a listed one has its history read by id, as a stream.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SessionSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public ChatSession[] Session { get; set; } = Array.Empty<ChatSession>();

        /// <summary>Ids of sessions to read, as streams. Takes strings from the pipeline, and the SessionId property of piped objects.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SessionIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [SessionIdTransformation(AllowPathObjects = true)]
        [ValidateSessionId]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public string[] SessionId { get; set; } = Array.Empty<string>();

        /// <summary>Session files, or archive folders (their *.json files, as Sync-LlamaChatArchive and
        /// Export-LlamaChatSession write them), taken literally; read in pieces, never held whole. Takes the PSPath of
        /// piped files (Get-ChildItem).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralFileSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>How many sessions are downloaded at once. Output stays in input order. Default 8.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>The file paths of the command's wildcard file parameter (-Path or -ArchivePath); empty when not given.</summary>
        private protected abstract string[] FilePaths { get; }

        /// <summary>The progress bar's activity ("Exporting LlamaCloud chat tables").</summary>
        private protected abstract string ProgressActivity { get; }

        /// <summary>A session piped or given: loaded (events in memory) or listed/summary only.</summary>
        private protected abstract PendingOutput? ForSession(ChatSession session);

        /// <summary>A session id given: its summary and history are read by id.</summary>
        private protected abstract PendingOutput? ForSessionId(string id);

        /// <summary>A session file; <paramref name="id"/> is the id its name stands for (or that it holds).</summary>
        private protected abstract PendingOutput? ForFile(string path, string id);

        /// <summary>Called before any input is handled (the folder, the lock).</summary>
        private protected virtual void Start()
        {
        }

        /// <summary>Called once every input has been written (the manifest, the result).</summary>
        private protected virtual void Finish()
        {
        }

        private bool _started;

        private void EnsureStarted()
        {
            if (_started) return;
            _started = true;
            Start();
            _queue = new OrderedOutputQueue(this, ThrottleLimit, ProgressActivity);
        }

        /// <summary>The ordered window (tests of derived cmdlets set its total).</summary>
        private protected OrderedOutputQueue Queue => _queue!;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == ProjectSet) return;
            EnsureStarted();
            switch (ParameterSetName)
            {
                case SessionSet:
                    if (!MyInvocation.ExpectingInput && _queue!.Total == null) _queue.Total = Session.Length;
                    foreach (var s in Session) if (s != null) Add(ForSession(s));
                    break;
                case SessionIdSet:
                    if (!MyInvocation.ExpectingInput && _queue!.Total == null) _queue.Total = SessionId.Length;
                    foreach (var id in SessionId) Add(ForSessionId(id));
                    break;
                default:
                    var literal = ParameterSetName == LiteralFileSet;
                    foreach (var file in Files(literal ? LiteralPath : FilePaths, literal)) AddFile(file);
                    break;
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            // An empty pipeline ($ids = @()) is no input, not a request for the whole project.
            if (ParameterSetName == ProjectSet && !MyInvocation.ExpectingInput)
            {
                EnsureStarted();
                var listed = new List<ChatSession>();
                try
                {
                    new SessionListing(this, 100).Run(listed.Add, () => true);
                }
                catch (LlamaCloudException ex)
                {
                    // Without the whole list nothing would be true of "the project": stop before reading any session.
                    ThrowTerminatingError(ErrorRecords.From(ex, Api.Client.Options.BaseUri));
                }
                _queue!.Total = listed.Count;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var s in listed)
                {
                    if (string.IsNullOrEmpty(s.SessionId) || !seen.Add(s.SessionId)) continue;
                    Add(ForSession(s));
                }
            }
            if (!_started) EnsureStarted();
            _queue!.WriteReady(all: true);
            Finish();
        }

        /// <inheritdoc />
        private protected override void OnDisposing() => _queue?.AbandonAll();

        private void Add(PendingOutput? item)
        {
            if (item != null) _queue!.Add(item);
        }

        private void AddFile(string path)
        {
            var id = SessionFileName.IdFrom(Path.GetFileName(path));
            if (id == null)
            {
                // A name the archive did not write (or one cut to fit): the file says whose it is.
                var summary = SessionFiles.ReadSummary(path);
                if (summary == null)
                {
                    WriteError(new ErrorRecord(new InvalidDataException(Archive.Messages.NotASessionFile(path)),
                        ErrorIds.InvalidSessionFile, ErrorCategory.InvalidData, path));
                    return;
                }
                id = summary.SessionId;
            }
            Add(ForFile(path, id));
        }

        /// <summary>The session files the paths name: files as they are, folders as their *.json files (sorted).</summary>
        private IEnumerable<string> Files(string[] paths, bool literal)
        {
            foreach (var path in paths)
            {
                IEnumerable<string> resolved;
                var direct = literal ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(path) : null;
                if (direct != null && Directory.Exists(direct)) resolved = new[] { direct };
                else resolved = SessionFiles.Resolve(this, path, literal);
                foreach (var p in resolved)
                {
                    if (!Directory.Exists(p))
                    {
                        yield return p;
                        continue;
                    }
                    var files = new List<string>(Directory.EnumerateFiles(p, "*" + SessionFileName.Extension));
                    files.Sort(StringComparer.Ordinal);
                    foreach (var f in files) yield return f;
                }
            }
        }
    }
}
