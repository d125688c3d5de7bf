using System.Diagnostics;

namespace LlamaCloud.Emulator;

/// <summary>Ways the emulator ends by itself, so a crashed test run leaves no orphan behind.</summary>
static class ProcessWatch
{
    static Timer? _parentTimer; // rooted here so the GC keeps it ticking

    public static void Start(EmulatorOptions options, IHostApplicationLifetime lifetime)
    {
        if (options.ParentPid is int pid)
        {
            var started = StartTime(pid);
            if (started is null) { lifetime.StopApplication(); return; }
            // Poll: we are not the parent's parent, so there is no exit notification to wait on.
            _parentTimer = new Timer(_ =>
            {
                if (StartTime(pid) != started) lifetime.StopApplication(); // gone, or the pid was reused
            }, null, 500, 500);
        }
        if (options.ExitOnStdinEof)
        {
            var reader = new Thread(() =>
            {
                try
                {
                    using var stdin = Console.OpenStandardInput();
                    var buffer = new byte[256];
                    while (stdin.Read(buffer, 0, buffer.Length) > 0) { }
                }
                catch (IOException) { }
                lifetime.StopApplication();
            }) { IsBackground = true, Name = "stdin-eof" };
            reader.Start();
        }
    }

    public static bool IsAlive(int pid) => StartTime(pid) is not null;

    /// <summary>Start time of a live process, or null if it is gone (a zombie counts as gone).</summary>
    static DateTime? StartTime(int pid)
    {
        try
        {
            string stat = $"/proc/{pid}/stat";
            if (OperatingSystem.IsLinux() && File.Exists(stat))
            {
                var text = File.ReadAllText(stat);
                int close = text.LastIndexOf(')');
                if (close > 0 && close + 2 < text.Length && text[close + 2] is 'Z' or 'X') return null;
            }
            using var p = Process.GetProcessById(pid);
            return p.HasExited ? null : p.StartTime;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException
                                      or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
