using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WganService.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Sweeps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SweepId",
                table: "Jobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TrialIndex",
                table: "Jobs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Sweeps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tenant = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Dataset = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Variant = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Architecture = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    BaseHyperparameters = table.Column<string>(type: "TEXT", nullable: false),
                    Space = table.Column<string>(type: "TEXT", nullable: false),
                    Trials = table.Column<int>(type: "INTEGER", nullable: false),
                    BudgetGeneratorSteps = table.Column<int>(type: "INTEGER", nullable: true),
                    BudgetMaxTrainingMinutes = table.Column<double>(type: "REAL", nullable: true),
                    Objective = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EarlyStopping = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Eta = table.Column<int>(type: "INTEGER", nullable: true),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CancelRequested = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sweeps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SweepRungResults",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Rung = table.Column<int>(type: "INTEGER", nullable: false),
                    SweepId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GeneratorStep = table.Column<int>(type: "INTEGER", nullable: false),
                    Objective = table.Column<double>(type: "REAL", nullable: true),
                    Promoted = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SweepRungResults", x => new { x.JobId, x.Rung });
                    table.ForeignKey(
                        name: "FK_SweepRungResults_Jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "Jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SweepRungResults_Sweeps_SweepId",
                        column: x => x.SweepId,
                        principalTable: "Sweeps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Jobs_SweepId",
                table: "Jobs",
                column: "SweepId");

            migrationBuilder.CreateIndex(
                name: "IX_SweepRungResults_SweepId",
                table: "SweepRungResults",
                column: "SweepId");

            migrationBuilder.CreateIndex(
                name: "IX_Sweeps_CreatedAt",
                table: "Sweeps",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Sweeps_Status",
                table: "Sweeps",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Sweeps_Tenant_CreatedAt",
                table: "Sweeps",
                columns: new[] { "Tenant", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SweepRungResults");

            migrationBuilder.DropTable(
                name: "Sweeps");

            migrationBuilder.DropIndex(
                name: "IX_Jobs_SweepId",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "SweepId",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "TrialIndex",
                table: "Jobs");
        }
    }
}
