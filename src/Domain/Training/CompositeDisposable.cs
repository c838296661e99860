namespace WganService.Domain.Training;

/// <summary>Disposes several objects together, last first.</summary>
internal sealed class CompositeDisposable(params IDisposable[] items) : IDisposable
{
    public void Dispose()
    {
        for (var i = items.Length - 1; i >= 0; i--) items[i].Dispose();
    }
}
