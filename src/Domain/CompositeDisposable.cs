namespace WganService.Domain;

/// <summary>Disposes several objects together, last first (nulls skipped): list an owner after what it uses.</summary>
public sealed class CompositeDisposable(params IDisposable?[] items) : IDisposable
{
    public void Dispose()
    {
        for (var i = items.Length - 1; i >= 0; i--) items[i]?.Dispose();
    }
}
