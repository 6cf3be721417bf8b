namespace Fleetboot.Core.Machines;

public enum CpuArchitecture
{
    X86_64,
    Arm64,
}
