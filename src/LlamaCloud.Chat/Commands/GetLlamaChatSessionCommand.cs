using System;
using System.Management.Automation;
using System.Threading.Tasks;
using LlamaCloud.Chat.Archive;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets LlamaCloud chat sessions: by id with their full event history, or every session of the project.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LlamaChatSession", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(ChatSession))]
    public sealed class GetLlamaChatSessionCommand : LlamaCloudCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private OrderedOutputQueue? _queue;
        private ulong _skipped;
        private ulong _written;

        /// <summary>The ids of the sessions to get. Takes strings from the pipeline, and the SessionId property of piped objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId")]
        [ValidateNotNullOrEmpty]
        [SessionIdTransformation(AllowPathObjects = true)]
        [ValidateSessionId]
        [ArgumentCompleter(typeof(SessionIdCompleter))]
        public string[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Gets only the sessions' summary fields (GET .../summary), without transferring events. Events is then $null.</summary>
        [Parameter(ParameterSetName = IdSet)]
        public SwitchParameter Summary { get; set; }

        /// <summary>Sessions per page when listing. Default 100. The API documents no bounds: if the server rejects the
        /// size, the listing goes on with the server's default page size (and says so in -Verbose).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 10000)]
        public int PageSize { get; set; } = 100;

        /// <summary>How many sessions are fetched at once when several ids arrive. Output stays in input order. Default 8.</summary>
        [Parameter(ParameterSetName = IdSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Session JSON files to read (wildcards allowed), as written by Export-LlamaChatSession or saved from the API.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = false)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Session JSON files to read, taken literally (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            switch (ParameterSetName)
            {
                case IdSet:
                    // Created here, not in BeginProcessing: with pipeline input the parameter set is only known now.
                    if (_queue == null)
                    {
                        _queue = new OrderedOutputQueue(this, ThrottleLimit, Messages.GettingSessions());
                        if (!MyInvocation.ExpectingInput) _queue.Total = Id.Length;
                    }
                    foreach (var id in Id)
                    {
                        if (Done) return;
                        _queue!.Add(new PendingSession(this, id, Start(id)));
                    }
                    break;
                case PathSet:
                case LiteralPathSet:
                    foreach (var session in SessionFiles.Read(this, ParameterSetName == PathSet ? Path : LiteralPath, ParameterSetName == LiteralPathSet))
                        Emit(session);
                    break;
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            // An empty pipeline ($ids = @()) is no input, not a request for the whole project.
            if (ParameterSetName == ListSet && !MyInvocation.ExpectingInput) List();
            _queue?.WriteReady(all: true);
        }

        private Task<ChatSession> Start(string id) =>
            Summary ? Api.GetSummaryAsync(id, StopToken) : Api.GetSessionAsync(id, StopToken);

        private bool Done => _written >= PagingParameters.First;

        /// <summary>Writes one session, honouring -Skip and -First.</summary>
        internal void Emit(ChatSession session)
        {
            if (_skipped < PagingParameters.Skip)
            {
                _skipped++;
                return;
            }
            if (Done) return;
            _written++;
            WriteObject(session);
        }

        private void List()
        {
            var wanted = PagingParameters.First == ulong.MaxValue ? ulong.MaxValue : PagingParameters.First + PagingParameters.Skip;
            var listing = new SessionListing(this, (int)Math.Min((ulong)PageSize, Math.Max(1UL, wanted)));
            try
            {
                listing.Run(Emit, () => !Done);
            }
            catch (LlamaCloudException ex)
            {
                // What was read is already written; the command fails with one terminating error (SessionListing says which).
                ThrowTerminatingError(ErrorRecords.From(ex, Api.Client.Endpoint.BaseUri));
            }
            if (PagingParameters.IncludeTotalCount)
                WriteObject(PagingParameters.NewTotalCount(listing.Listed, listing.Complete ? 1.0 : 0.0));
        }

        /// <summary>One id's fetch in the ordered window.</summary>
        private sealed class PendingSession : PendingResult<ChatSession>
        {
            private readonly GetLlamaChatSessionCommand _cmd;

            internal PendingSession(GetLlamaChatSessionCommand cmd, string id, Task<ChatSession> task)
                : base(cmd, id, task)
            {
                _cmd = cmd;
            }

            private protected override void OnCompleted(ChatSession session) => _cmd.Emit(session);
        }
    }
}
