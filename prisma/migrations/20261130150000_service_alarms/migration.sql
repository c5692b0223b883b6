-- AlterTable
ALTER TABLE "Service" ADD COLUMN     "alarmNames" TEXT[] DEFAULT ARRAY[]::TEXT[];

