# Placeholder until issue F: not yet built or run anywhere (these machines have no Docker engine).
# Ubuntu 24.04 ("noble") images: their libstdc++ loads TorchSharp's native shim unpatched.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props WganService.sln ./
COPY build/ build/
COPY src/ src/
RUN dotnet publish src/Api -c Release -o /out/api \
 && dotnet publish src/Worker -c Release -o /out/worker

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS api
WORKDIR /app
COPY --from=build /out/api .
USER app
EXPOSE 8080
ENTRYPOINT ["dotnet", "WganService.Api.dll"]

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS worker
WORKDIR /app
COPY --from=build /out/worker .
USER app
ENTRYPOINT ["dotnet", "WganService.Worker.dll"]
