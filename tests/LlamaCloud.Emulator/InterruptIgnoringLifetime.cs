using System.Runtime.InteropServices;

namespace LlamaCloud.Emulator;

/// <summary>
/// --ignore-interrupt: the host lifetime of an emulator started from an interactive prompt (Start-LlamaEmulator). A
/// terminal sends Ctrl+C as SIGINT to its whole foreground process group, so the emulator, a child of that prompt's
/// pwsh, would stop with the command the user meant to interrupt. SIGINT (and SIGQUIT) are ignored; SIGTERM still
/// stops the emulator cleanly, as do --parent-pid and Stop-LlamaEmulator (which kills it).
/// </summary>
sealed class InterruptIgnoringLifetime(IHostApplicationLifetime lifetime) : IHostLifetime, IDisposable
{
    readonly List<PosixSignalRegistration> _registrations = [];

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, c => c.Cancel = true));
        if (!OperatingSystem.IsWindows())
        {
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => c.Cancel = true));
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true; // stop through the host, as the console lifetime does
                lifetime.StopApplication();
            }));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _registrations.Clear();
    }
}
