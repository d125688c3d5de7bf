namespace LlamaCloud.Chat.Archive
{
    /// <summary>A session downloaded and validated into a temporary file beside its target, not yet in place.</summary>
    internal sealed class StagedSessionFile
    {
        internal StagedSessionFile(string id, string target, string temp, ChatSession summary, long length)
        {
            Id = id;
            Target = target;
            Temp = temp;
            Summary = summary;
            Length = length;
        }

        internal string Id { get; }
        internal string Target { get; }
        internal string Temp { get; }

        /// <summary>The session's fields as read from the body (Events null), e.g. its last_updated_at.</summary>
        internal ChatSession Summary { get; }

        /// <summary>Bytes written.</summary>
        internal long Length { get; }

        /// <summary>Puts the file in place of the target. On failure the temporary file is removed and the target untouched.</summary>
        internal void Commit()
        {
            try
            {
                SessionFileWriter.Replace(Temp, Target);
            }
            catch
            {
                Discard();
                throw;
            }
        }

        internal void Discard() => SessionFileWriter.TryDelete(Temp);

        /// <summary>Removes the temporary file of a download that will not be put in place, once the download ends.</summary>
        internal static void DiscardWhenDone(System.Threading.Tasks.Task<StagedSessionFile> download) =>
            download.ContinueWith(t => { if (t.Status == System.Threading.Tasks.TaskStatus.RanToCompletion) t.Result.Discard(); },
                System.Threading.Tasks.TaskScheduler.Default);
    }
}
