using static TorchSharp.torch;

namespace WganService.Gan;

/// <summary>Picks the device a job trains on, once, and says plainly when the request cannot be met.</summary>
public static class ComputeDevice
{
    public static Device Select(DevicePreference preference) => preference switch
    {
        DevicePreference.Cpu => CPU,
        DevicePreference.Cuda when cuda.is_available() => CUDA,
        DevicePreference.Cuda => throw new InvalidOperationException(
            "The job asks for device 'cuda' but this worker has no usable CUDA device; use 'auto' or 'cpu', or run a GPU worker."),
        _ => cuda.is_available() ? CUDA : CPU,
    };

    public static string Describe(Device device) =>
        device.type == TorchSharp.DeviceType.CUDA ? $"cuda:{Math.Max(0, device.index)}" : "cpu";
}
