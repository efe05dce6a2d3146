#!/usr/bin/python3
# conformance-probe.py
#
# Copyright 2026 The Lethe authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Is a de-identified object ever less conformant than its input?

Makes objects of many types with pydicom (presentation states, SR, KOS, dose
SR, RT plan and image, Enhanced MR/CT with and without functional groups,
segmentation, parametric map, US, CR, SC, MG, PET, a CT with ACR-NEMA and
unreadable dates), adds pydicom's own test files, de-identifies each one under
several option sets with lethe-cli, and runs dciodvfy on input and output.
An error of the output that the input does not have is a new error; the
figure is printed per object type and must be 0.  So must the count of
dates found unchanged in the output (every option set but Full Dates).

  bench/conformance-probe.py [--cli build/app/lethe-cli] [--work /tmp/conformance]

Run by hand (it takes a minute or two); needs python3-pydicom and dciodvfy.
"""
import argparse
import collections
import copy
import datetime
import os
import re
import shutil
import subprocess
import sys

import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

TEST_FILES = os.path.join(os.path.dirname(pydicom.__file__), "data", "test_files")
# pydicom's files that are DICOM objects of a storage IOD and that dcmtk reads
REAL_FILES = ["CT_small.dcm", "MR_small.dcm", "rtplan.dcm", "rtdose.dcm", "rtstruct.dcm", "test-SR.dcm",
              "reportsi.dcm", "waveform_ecg.dcm", "liver_1frame.dcm", "JPEG2000.dcm", "SC_rgb_jpeg_dcmtk.dcm",
              "SC_rgb_rle.dcm", "MR_small_jp2klossless.dcm", "emri_small.dcm", "JPGExtended.dcm", "US1_J2KR.dcm",
              "image_dfl.dcm", "693_J2KI.dcm"]
OPTION_SETS = [
    [],
    ["retain-long-modified-dates", "retain-device-identity"],
    ["retain-long-full-dates", "retain-patient-characteristics", "retain-institution-identity"],
    ["clean-descriptors", "clean-structured-content", "clean-graphics", "retain-uids", "retain-safe-private"],
]

SOP = {
    "CR": "1.2.840.10008.5.1.4.1.1.1",
    "SC": "1.2.840.10008.5.1.4.1.1.7",
    "US": "1.2.840.10008.5.1.4.1.1.6.1",
    "GSPS": "1.2.840.10008.5.1.4.1.1.11.1",
    "CSPS": "1.2.840.10008.5.1.4.1.1.11.2",
    "BasicTextSR": "1.2.840.10008.5.1.4.1.1.88.11",
    "ComprehensiveSR": "1.2.840.10008.5.1.4.1.1.88.33",
    "RTPlan": "1.2.840.10008.5.1.4.1.1.481.5",
    "RTBeamsRecord": "1.2.840.10008.5.1.4.1.1.481.4",
    "EnhancedMR": "1.2.840.10008.5.1.4.1.1.4.1",
    "EnhancedCT": "1.2.840.10008.5.1.4.1.1.2.1",
    "Segmentation": "1.2.840.10008.5.1.4.1.1.66.4",
    "ParametricMap": "1.2.840.10008.5.1.4.1.1.30",
    "MG": "1.2.840.10008.5.1.4.1.1.1.2",
    "PET": "1.2.840.10008.5.1.4.1.1.128",
    "KOS": "1.2.840.10008.5.1.4.1.1.88.59",
    "DoseSR": "1.2.840.10008.5.1.4.1.1.88.67",
    "RTImage": "1.2.840.10008.5.1.4.1.1.481.1",
    "CT": "1.2.840.10008.5.1.4.1.1.2",
}


def code(value, scheme, meaning):
    item = Dataset()
    item.CodeValue, item.CodingSchemeDesignator, item.CodeMeaning = value, scheme, meaning
    return item


def base(kind, modality):
    ds = Dataset()
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = SOP[kind]
    ds.SOPInstanceUID = generate_uid()
    ds.PatientName = "Quennell^Oswin"
    ds.PatientID = "QO-77120"
    ds.PatientBirthDate = "19610412"
    ds.PatientSex = "M"
    ds.StudyInstanceUID = generate_uid()
    ds.StudyDate, ds.StudyTime = "20230914", "101500"
    ds.ReferringPhysicianName = "Dray^Amelie"
    ds.StudyID = "S7781"
    ds.AccessionNumber = "ACC55120"
    ds.StudyDescription = "Probe study"
    ds.SeriesInstanceUID = generate_uid()
    ds.SeriesNumber = 3
    ds.SeriesDate, ds.SeriesTime = "20230914", "101700"
    ds.Modality = modality
    ds.InstanceNumber = 1
    ds.Manufacturer = "ProbeCo"
    ds.InstitutionName = "Marrowgate Clinic"
    ds.StationName = "PROBE-ST-4"
    ds.DeviceSerialNumber = "SN-99213"
    ds.ContentDate, ds.ContentTime = "20230914", "101800"
    ds.InstanceCreationDate, ds.InstanceCreationTime = "20230914", "102000"
    return ds


def pixels(ds, rows=16, columns=16, frames=None, bits=16, signed=False):
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.Rows, ds.Columns = rows, columns
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = bits, bits if bits < 16 else 12, (bits if bits < 16 else 12) - 1
    ds.PixelRepresentation = 1 if signed else 0
    n = frames or 1
    if frames is not None:
        ds.NumberOfFrames = frames
    size = rows * columns * n * bits // 8
    ds.PixelData = bytes((i * 7) % 251 for i in range(size)) if bits == 8 else bytes(size)


def general_image(ds):
    ds.AcquisitionDate, ds.AcquisitionTime = "20230914", "101600"
    ds.PatientOrientation = ""
    ds.ImageType = ["ORIGINAL", "PRIMARY"]
    ds.BurnedInAnnotation = "NO"


def make_cr():
    ds = base("CR", "CR")
    general_image(ds)
    ds.BodyPartExamined = "CHEST"
    ds.ViewPosition = "PA"
    ds.OperatorsName = "Kettley^Rhona"
    ds.PerformingPhysicianName = "Voss^Ilse"
    pixels(ds)
    return ds


def make_sc():
    ds = base("SC", "OT")
    del ds.ContentDate, ds.ContentTime
    ds.ConversionType = "WSD"
    ds.DateOfSecondaryCapture, ds.TimeOfSecondaryCapture = "20230915", "090000"
    ds.PatientOrientation = ""
    pixels(ds, bits=8)
    return ds


def make_us():
    ds = base("US", "US")
    general_image(ds)
    ds.ImageType = ["ORIGINAL", "PRIMARY", "ABDOMINAL", ""]
    pixels(ds, bits=8)
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.LossyImageCompression = "00"
    ds.TransducerData = ["C5-2"]
    ds.ProcessingFunction = "ABDOMEN"
    return ds


def make_presentation_state(kind):
    ds = base(kind, "PR")
    del ds.ContentDate, ds.ContentTime
    ds.ContentLabel = "PROBE"
    ds.ContentDescription = "Annotations for Quennell portable chest"
    ds.PresentationCreationDate, ds.PresentationCreationTime = "20230914", "103000"
    ds.ContentCreatorName = "Dray^Amelie"
    ref_image = Dataset()
    ref_image.ReferencedSOPClassUID = SOP["CR"]
    ref_image.ReferencedSOPInstanceUID = generate_uid()
    series = Dataset()
    series.SeriesInstanceUID = generate_uid()
    series.ReferencedImageSequence = Sequence([ref_image])
    ds.ReferencedSeriesSequence = Sequence([series])
    area = Dataset()
    area.ReferencedImageSequence = Sequence([copy.deepcopy(ref_image)])
    area.DisplayedAreaTopLeftHandCorner = [1, 1]
    area.DisplayedAreaBottomRightHandCorner = [16, 16]
    area.PresentationSizeMode = "SCALE TO FIT"
    area.PresentationPixelSpacing = [1, 1]
    ds.DisplayedAreaSelectionSequence = Sequence([area])
    layer = Dataset()
    layer.GraphicLayer = "TEXT"
    layer.GraphicLayerOrder = 1
    ds.GraphicLayerSequence = Sequence([layer])
    text = Dataset()
    text.UnformattedTextValue = "Quennell chest"
    text.AnchorPointAnnotationUnits = "PIXEL"
    text.AnchorPoint = [4, 4]
    text.AnchorPointVisibility = "Y"
    annotation = Dataset()
    annotation.ReferencedImageSequence = Sequence([copy.deepcopy(ref_image)])
    annotation.GraphicLayer = "TEXT"
    annotation.TextObjectSequence = Sequence([text])
    ds.GraphicAnnotationSequence = Sequence([annotation])
    if kind == "GSPS":
        ds.PresentationLUTShape = "IDENTITY"
    else:
        ds.ICCProfile = b"\0" * 128
    return ds


def make_sr(kind):
    ds = base(kind, "SR")
    ds.ReferencedPerformedProcedureStepSequence = Sequence()
    ds.CompletionFlag = "COMPLETE"
    ds.VerificationFlag = "VERIFIED"
    observer = Dataset()
    observer.VerifyingObserverName = "Voss^Ilse"
    observer.VerificationDateTime = "20230915120000"
    observer.VerifyingOrganization = "Marrowgate Clinic"
    observer.VerifyingObserverIdentificationCodeSequence = Sequence()
    ds.VerifyingObserverSequence = Sequence([observer])
    ds.PerformedProcedureCodeSequence = Sequence()
    ds.ValueType = "CONTAINER"
    ds.ConceptNameCodeSequence = Sequence([code("11528-7", "LN", "Radiology Report")])
    ds.ContinuityOfContent = "SEPARATE"
    items = []
    for value_type, concept, setter in [
            ("TEXT", code("121071", "DCM", "Finding"), lambda i: setattr(i, "TextValue", "No change since Quennell's last visit")),
            ("DATE", code("111060", "DCM", "Study Date"), lambda i: setattr(i, "Date", "20230914")),
            ("PNAME", code("121008", "DCM", "Person Observer Name"), lambda i: setattr(i, "PersonName", "Kettley^Rhona"))]:
        item = Dataset()
        item.RelationshipType = "CONTAINS"
        item.ValueType = value_type
        item.ConceptNameCodeSequence = Sequence([concept])
        setter(item)
        items.append(item)
    ds.ContentSequence = Sequence(items)
    return ds


def make_rt_plan():
    ds = base("RTPlan", "RTPLAN")
    del ds.ContentDate, ds.ContentTime
    ds.OperatorsName = "Kettley^Rhona"
    ds.RTPlanLabel = "PROBE PLAN"
    ds.RTPlanName = "Quennell prostate"
    ds.RTPlanDate, ds.RTPlanTime = "20230910", "080000"
    ds.RTPlanGeometry = "TREATMENT_DEVICE"
    beam = Dataset()
    beam.BeamNumber = 1
    beam.BeamName = "AP"
    beam.BeamType = "STATIC"
    beam.RadiationType = "PHOTON"
    beam.TreatmentMachineName = "TrueBeam1309"
    beam.PrimaryDosimeterUnit = "MU"
    beam.SourceAxisDistance = 1000
    beam.TreatmentDeliveryType = "TREATMENT"
    beam.NumberOfWedges = beam.NumberOfCompensators = beam.NumberOfBoli = beam.NumberOfBlocks = 0
    beam.FinalCumulativeMetersetWeight = 1
    beam.NumberOfControlPoints = 2
    points = []
    for i in range(2):
        point = Dataset()
        point.ControlPointIndex = i
        point.CumulativeMetersetWeight = i
        if i == 0:
            point.NominalBeamEnergy = 6
            point.GantryAngle = 0
            point.GantryRotationDirection = "NONE"
            point.BeamLimitingDeviceAngle = 0
            point.BeamLimitingDeviceRotationDirection = "NONE"
            point.PatientSupportAngle = 0
            point.PatientSupportRotationDirection = "NONE"
            point.TableTopEccentricAngle = 0
            point.TableTopEccentricRotationDirection = "NONE"
            point.IsocenterPosition = [0, 0, 0]
            point.TableTopVerticalPosition = point.TableTopLongitudinalPosition = point.TableTopLateralPosition = ""
        points.append(point)
    beam.ControlPointSequence = Sequence(points)
    ds.BeamSequence = Sequence([beam])
    ds.ApprovalStatus = "APPROVED"
    ds.ReviewDate, ds.ReviewTime = "20230911", "090000"
    ds.ReviewerName = "Voss^Ilse"
    return ds


def frame_groups(ds, frames, enhanced_mr):
    shared = Dataset()
    measures = Dataset()
    measures.PixelSpacing = [1, 1]
    measures.SliceThickness = 1
    shared.PixelMeasuresSequence = Sequence([measures])
    orientation = Dataset()
    orientation.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    shared.PlaneOrientationSequence = Sequence([orientation])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    per_frame = []
    for i in range(frames):
        item = Dataset()
        content = Dataset()
        content.FrameAcquisitionDateTime = "20230914101600"
        content.FrameReferenceDateTime = "20230914101600"
        content.FrameAcquisitionDuration = 10
        content.StackID = "1"
        content.InStackPositionNumber = i + 1
        content.DimensionIndexValues = [i + 1]
        item.FrameContentSequence = Sequence([content])
        position = Dataset()
        position.ImagePositionPatient = [0, 0, i]
        item.PlanePositionSequence = Sequence([position])
        per_frame.append(item)
    ds.PerFrameFunctionalGroupsSequence = Sequence(per_frame)
    index = Dataset()
    index.DimensionIndexPointer = 0x00209057
    index.FunctionalGroupPointer = 0x00209111
    ds.DimensionOrganizationSequence = Sequence([Dataset()])
    ds.DimensionOrganizationSequence[0].DimensionOrganizationUID = generate_uid()
    index.DimensionOrganizationUID = ds.DimensionOrganizationSequence[0].DimensionOrganizationUID
    ds.DimensionIndexSequence = Sequence([index])


def make_enhanced(kind, modality, groups=True):
    ds = base(kind, modality)
    ds.AcquisitionDateTime = "20230914101600"
    ds.AcquisitionContextSequence = Sequence()
    ds.ImageType = ["ORIGINAL", "PRIMARY", "VOLUME", "NONE"]
    ds.ManufacturerModelName = "Probe 1"
    ds.SoftwareVersions = "1"
    ds.AcquisitionNumber = 1
    ds.PresentationLUTShape = "IDENTITY"
    ds.BurnedInAnnotation = "NO"
    ds.LossyImageCompression = "00"
    ds.ContentQualification = "PRODUCT"
    ds.FrameOfReferenceUID = generate_uid()
    ds.PositionReferenceIndicator = ""
    ds.DateOfLastCalibration, ds.TimeOfLastCalibration = "20230101", "080000"
    pixels(ds, frames=2)
    if kind == "EnhancedMR":
        ds.ImageType = ["ORIGINAL", "PRIMARY", "VOLUME", "NONE"]
        ds.PixelPresentation = "MONOCHROME"
        ds.VolumetricProperties = "VOLUME"
        ds.VolumeBasedCalculationTechnique = "NONE"
        ds.ComplexImageComponent = "MAGNITUDE"
        ds.AcquisitionContrast = "T1"
        ds.ResonantNucleus = "1H"
        ds.MagneticFieldStrength = 3
        ds.ApplicableSafetyStandardAgency = "IEC"
        ds.PulseSequenceName = "SE"
        ds.EchoPulseSequence = "SPIN"
        ds.MultipleSpinEcho = "NO"
        ds.MultiPlanarExcitation = "NO"
        ds.PhaseContrast = "NO"
        ds.TimeOfFlightContrast = "NO"
        ds.SteadyStatePulseSequence = "NONE"
        ds.EchoPlanarPulseSequence = "NO"
        ds.SaturationRecovery = "NO"
        ds.SpectrallySelectedSuppression = "NONE"
        ds.OversamplingPhase = "NONE"
        ds.GeometryOfKSpaceTraversal = "RECTILINEAR"
        ds.SegmentedKSpaceTraversal = "SINGLE"
        ds.RectilinearPhaseEncodeReordering = "LINEAR"
        ds.NumberOfKSpaceTrajectories = 1
        ds.CoverageOfKSpace = "FULL"
        ds.KSpaceFiltering = "NONE"
    if groups:
        frame_groups(ds, 2, kind == "EnhancedMR")
    return ds


def make_segmentation():
    ds = make_enhanced("Segmentation", "SEG")
    for k in ["AcquisitionContextSequence", "PresentationLUTShape", "DateOfLastCalibration", "TimeOfLastCalibration"]:
        delattr(ds, k)
    ds.ImageType = ["DERIVED", "PRIMARY"]
    ds.BitsAllocated = ds.BitsStored = 1
    ds.HighBit = 0
    ds.PixelData = bytes(16 * 16 * 2 // 8)
    ds.SegmentationType = "BINARY"
    ds.ContentLabel = "SEGMENTS"
    ds.ContentCreatorName = "Voss^Ilse"
    segment = Dataset()
    segment.SegmentNumber = 1
    segment.SegmentLabel = "Liver"
    segment.SegmentAlgorithmType = "MANUAL"
    segment.SegmentedPropertyCategoryCodeSequence = Sequence([code("123037004", "SCT", "Anatomical Structure")])
    segment.SegmentedPropertyTypeCodeSequence = Sequence([code("10200004", "SCT", "Liver")])
    ds.SegmentSequence = Sequence([segment])
    return ds


def make_parametric_map():
    ds = make_enhanced("ParametricMap", "MR")
    for k in ["PresentationLUTShape", "DateOfLastCalibration", "TimeOfLastCalibration"]:
        delattr(ds, k)
    ds.ImageType = ["DERIVED", "PRIMARY"]
    ds.BitsAllocated, ds.BitsStored, ds.HighBit = 32, 32, 31
    ds.PixelRepresentation = None
    del ds.PixelRepresentation, ds.PixelData, ds.BitsStored, ds.HighBit
    ds.FloatPixelData = bytes(16 * 16 * 2 * 4)
    ds.ContentLabel = "ADC"
    ds.ContentCreatorName = "Voss^Ilse"
    return ds


def make_mg():
    ds = base("MG", "MG")
    general_image(ds)
    ds.ImageType = ["ORIGINAL", "PRIMARY", ""]
    ds.PatientOrientation = ["A", "R"]
    ds.ImageLaterality = "L"
    ds.Laterality = "L"
    ds.BodyPartExamined = "BREAST"
    ds.PresentationIntentType = "FOR PRESENTATION"
    ds.DateOfLastDetectorCalibration = "20230101"
    ds.TimeOfLastDetectorCalibration = "080000"
    ds.DateOfLastCalibration, ds.TimeOfLastCalibration = "20230102", "090000"
    ds.DetectorID = "DET-5521"
    ds.PositionerType = "MAMMOGRAPHIC"
    ds.ViewCodeSequence = Sequence([code("399162004", "SCT", "cranio-caudal")])
    ds.AnatomicRegionSequence = Sequence([code("76752008", "SCT", "Breast")])
    ds.DistanceSourceToDetector = 650
    ds.DistanceSourceToPatient = 600
    ds.EstimatedRadiographicMagnificationFactor = 1
    ds.BurnedInAnnotation = "NO"
    ds.PixelIntensityRelationship = "LOG"
    ds.PixelIntensityRelationshipSign = -1
    ds.PresentationLUTShape = "IDENTITY"
    ds.RescaleIntercept, ds.RescaleSlope, ds.RescaleType = 0, 1, "US"
    ds.WindowCenter, ds.WindowWidth = 2048, 4096
    ds.ImagerPixelSpacing = [0.1, 0.1]
    ds.DetectorType = "DIRECT"
    ds.LossyImageCompression = "00"
    ds.BreastImplantPresent = "NO"
    ds.PartialView = "NO"
    ds.OrganExposed = "BREAST"
    pixels(ds)
    return ds


def make_pet():
    ds = base("PET", "PT")
    general_image(ds)
    ds.ImageType = ["ORIGINAL", "PRIMARY"]
    ds.FrameOfReferenceUID = generate_uid()
    ds.PositionReferenceIndicator = ""
    ds.PixelSpacing = [2, 2]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.ImagePositionPatient = [0, 0, 0]
    ds.SliceThickness = 2
    ds.Units = "BQML"
    ds.CountsSource = "EMISSION"
    ds.SeriesType = ["STATIC", "IMAGE"]
    ds.CorrectedImage = ["ATTN"]
    ds.DecayCorrection = "START"
    ds.NumberOfSlices = 1
    ds.PatientGantryRelationshipCodeSequence = Sequence()
    ds.ImageIndex = 1
    ds.RescaleIntercept, ds.RescaleSlope = 0, 1
    ds.FrameReferenceTime = 0
    ds.DecayFactor = 1
    ds.ActualFrameDuration = 1000
    ds.PrimaryPromptsCountsAccumulated = 0
    ds.SliceSensitivityFactor = 1
    ds.PatientOrientationCodeSequence = Sequence()
    ds.RadiopharmaceuticalInformationSequence = Sequence()
    pixels(ds, signed=True)
    ds.BitsStored, ds.HighBit = 16, 15
    return ds


def make_kos():
    ds = make_sr("KOS")
    ds.Modality = "KO"
    for k in ["CompletionFlag", "VerificationFlag", "VerifyingObserverSequence", "ContinuityOfContent"]:
        delattr(ds, k)
    ds.ConceptNameCodeSequence = Sequence([code("113000", "DCM", "Of Interest")])
    ds.ContinuityOfContent = "SEPARATE"
    ds.ContentSequence = Sequence()
    ds.CurrentRequestedProcedureEvidenceSequence = Sequence()
    return ds


def make_dose_sr():
    ds = make_sr("DoseSR")
    ds.ConceptNameCodeSequence = Sequence([code("113701", "DCM", "X-Ray Radiation Dose Report")])
    ds.ContentSequence[1].DateTime = "20230914101600"
    return ds


def make_rt_image():
    ds = base("RTImage", "RTIMAGE")
    general_image(ds)
    ds.StationName = "TrueBeam1309"
    ds.RadiationMachineName = "TrueBeam1309"
    ds.RTImageLabel = "QA SN-99213 AP"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "PORTAL"]
    ds.ConversionType = "DI"
    ds.RTImagePlane = "NORMAL"
    ds.PrimaryDosimeterUnit = "MU"
    ds.RadiationMachineSAD = 1000
    ds.RTImageSID = 1500
    ds.ImagePlanePixelSpacing = [0.4, 0.4]
    ds.RTImagePosition = [-3, 3]
    ds.PixelIntensityRelationshipSign = 1
    pixels(ds)
    return ds


def make_ct_old_dates():
    ds = base("CT", "CT")
    general_image(ds)
    ds.StudyDate = "1996.10.29"
    ds.AcquisitionDate = "***"
    ds.FrameOfReferenceUID = generate_uid()
    ds.PositionReferenceIndicator = ""
    ds.PixelSpacing = [1, 1]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.ImagePositionPatient = [0, 0, 0]
    ds.SliceThickness = 1
    ds.KVP = 120
    ds.RescaleIntercept, ds.RescaleSlope = -1024, 1
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    pixels(ds)
    return ds


def make_objects():
    return {
        "CR": make_cr(),
        "SC": make_sc(),
        "US": make_us(),
        "GSPS": make_presentation_state("GSPS"),
        "CSPS": make_presentation_state("CSPS"),
        "BasicTextSR": make_sr("BasicTextSR"),
        "ComprehensiveSR": make_sr("ComprehensiveSR"),
        "RTPlan": make_rt_plan(),
        "EnhancedMR": make_enhanced("EnhancedMR", "MR"),
        "EnhancedMR-no-groups": make_enhanced("EnhancedMR", "MR", groups=False),
        "EnhancedCT": make_enhanced("EnhancedCT", "CT"),
        "Segmentation": make_segmentation(),
        "ParametricMap": make_parametric_map(),
        "MG": make_mg(),
        "PET": make_pet(),
        "KOS": make_kos(),
        "DoseSR": make_dose_sr(),
        "RTImage": make_rt_image(),
        "CT-old-dates": make_ct_old_dates(),
    }


def write(ds, path):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta = meta
    ds.is_little_endian, ds.is_implicit_VR = True, False
    ds.save_as(path, write_like_original=False)


# values differ between input and output (UIDs are replaced): an error is known by its words
NUMBERS = re.compile(r"\b[0-9]+(\.[0-9]+)*\b")
VALUES = re.compile(r"= <[^>]*>")


def dciodvfy_errors(path):
    run = subprocess.run(["dciodvfy", path], capture_output=True, text=True, errors="replace")
    errors = collections.Counter()
    for line in (run.stdout + run.stderr).splitlines():
        if line.startswith("Error"):
            errors[VALUES.sub("= <>", NUMBERS.sub("N", line))] += 1
    return errors


def dates_of(path):
    """The dates (DA, and the date part of DT) anywhere in the file, as yyyymmdd."""
    found = set()

    def visit(ds):
        for element in ds:
            if element.VR == "SQ":
                for item in element.value:
                    visit(item)
            elif element.VR in ("DA", "DT") and element.value:
                for value in (element.value if element.VM > 1 else [element.value]):
                    digits = re.sub(r"[^0-9]", "", str(value))[:8]
                    if len(digits) == 8 and digits != "19000101":
                        found.add(digits)

    visit(pydicom.dcmread(path, force=True))
    return found


def deidentify(cli, path, out, options, secret):
    shutil.rmtree(out, ignore_errors=True)
    args = [cli, "deidentify", path, "-o", out, "--secret-file", secret]
    for option in options:
        args += ["--option", option]
    run = subprocess.run(args, capture_output=True, text=True)
    files = [os.path.join(d, f) for d, _, fs in os.walk(out) for f in fs if f.endswith(".dcm")]
    return files[0] if len(files) == 1 else None, run.stdout + run.stderr


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cli", default="build/app/lethe-cli")
    ap.add_argument("--work", default="/tmp/conformance-probe")
    ap.add_argument("--show", action="store_true", help="print each new error")
    a = ap.parse_args(argv)

    inputs = os.path.join(a.work, "in")
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(inputs)
    cases = []
    for name, ds in make_objects().items():
        path = os.path.join(inputs, name + ".dcm")
        write(ds, path)
        cases.append((name, path))
    for name in REAL_FILES:
        path = os.path.join(TEST_FILES, name)
        if os.path.exists(path):
            cases.append(("pydicom:" + name[:-4], path))

    secret = os.path.join(a.work, "secret")
    total_new = 0
    failures = 0
    unshifted_total = 0
    print("%-32s %5s %5s %5s %9s  %s" % ("object", "in", "out", "new", "unshifted", "(errors per option set: new)"))
    for name, path in cases:
        before = dciodvfy_errors(path)
        input_dates = dates_of(path)
        new_per_set = []
        out_errors = 0
        unshifted = 0
        for i, options in enumerate(OPTION_SETS):
            result, log = deidentify(a.cli, path, os.path.join(a.work, "out"), options, secret)
            if result is None:
                new_per_set.append("failed")
                failures += 1
                if a.show:
                    print("   %s %s" % (options, log.strip()))
                continue
            if "retain-long-full-dates" not in options:
                kept = dates_of(result) & input_dates
                unshifted += len(kept)
                if a.show and kept:
                    print("   [%s] dates kept as they were: %s" % (",".join(options) or "basic", sorted(kept)))
            after = dciodvfy_errors(result)
            out_errors = max(out_errors, sum(after.values()))
            new = after - before
            new_per_set.append(str(sum(new.values())))
            total_new += sum(new.values())
            if a.show:
                for line in new:
                    print("   [%s] %s" % (",".join(options) or "basic", line))
        unshifted_total += unshifted
        print("%-32s %5d %5d %5s %9d  %s" % (name, sum(before.values()), out_errors,
                                             sum(int(n) for n in new_per_set if n.isdigit()), unshifted,
                                             " ".join(new_per_set)))
    print("objects: %d, option sets: %d, new dciodvfy errors: %d, dates left as they were: %d, failed runs: %d"
          % (len(cases), len(OPTION_SETS), total_new, unshifted_total, failures))
    return 1 if total_new or unshifted_total or failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
