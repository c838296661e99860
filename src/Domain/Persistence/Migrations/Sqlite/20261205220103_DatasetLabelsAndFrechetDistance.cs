using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WganService.Domain.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DatasetLabelsAndFrechetDistance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "WassersteinFdSpearman",
                table: "Jobs",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ClassesCovered",
                table: "Evaluations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ConfidentShare",
                table: "Evaluations",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "FrechetDistance",
                table: "Evaluations",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "FrechetDistanceFloor",
                table: "Evaluations",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClassCounts",
                table: "Datasets",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DatasetClassifiers",
                columns: table => new
                {
                    DatasetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Weights = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Classes = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOutAccuracy = table.Column<double>(type: "REAL", nullable: false),
                    RealConfidentShare = table.Column<double>(type: "REAL", nullable: false),
                    NoiseFrechetDistance = table.Column<double>(type: "REAL", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetClassifiers", x => x.DatasetId);
                    table.ForeignKey(
                        name: "FK_DatasetClassifiers_Datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "Datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DatasetLabels",
                columns: table => new
                {
                    DatasetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetLabels", x => x.DatasetId);
                    table.ForeignKey(
                        name: "FK_DatasetLabels_Datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "Datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DatasetClassifiers");

            migrationBuilder.DropTable(
                name: "DatasetLabels");

            migrationBuilder.DropColumn(
                name: "WassersteinFdSpearman",
                table: "Jobs");

            migrationBuilder.DropColumn(
                name: "ClassesCovered",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "ConfidentShare",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "FrechetDistance",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "FrechetDistanceFloor",
                table: "Evaluations");

            migrationBuilder.DropColumn(
                name: "ClassCounts",
                table: "Datasets");
        }
    }
}
