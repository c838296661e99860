using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WganService.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Evaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "WassersteinSwdSpearman",
                table: "Jobs",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GeneratorStep = table.Column<int>(type: "INTEGER", nullable: false),
                    SlicedWasserstein = table.Column<double>(type: "REAL", nullable: false),
                    SlicedWassersteinFloor = table.Column<double>(type: "REAL", nullable: false),
                    ModesCovered = table.Column<int>(type: "INTEGER", nullable: true),
                    Modes = table.Column<int>(type: "INTEGER", nullable: true),
                    HighQualityRatio = table.Column<double>(type: "REAL", nullable: true),
                    WassersteinEstimate = table.Column<double>(type: "REAL", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => new { x.JobId, x.GeneratorStep });
                    table.ForeignKey(
                        name: "FK_Evaluations_Jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "Jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SampleImages",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GeneratorStep = table.Column<int>(type: "INTEGER", nullable: false),
                    Png = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SampleImages", x => new { x.JobId, x.GeneratorStep });
                    table.ForeignKey(
                        name: "FK_SampleImages_Jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "Jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "SampleImages");

            migrationBuilder.DropColumn(
                name: "WassersteinSwdSpearman",
                table: "Jobs");
        }
    }
}
